/// "1 rule", "3 rules"; "1 правило", "3 правила", "5 правил": Russian has three plural forms
/// (one: 1, 21, 101…; few: 2–4, 22–24…; many: the rest, 11–14 included).
public func counted(_ n: Int, _ one: String, _ many: String, ru ruOne: String, _ ruFew: String, _ ruMany: String) -> String {
    if Language.current == .en { return "\(n) \(n == 1 ? one : many)" }
    return "\(n) \(russianPlural(n, ruOne, ruFew, ruMany))"
}

public func russianPlural(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
    let last2 = abs(n) % 100
    let last = abs(n) % 10
    if (11...14).contains(last2) { return many }
    if last == 1 { return one }
    if (2...4).contains(last) { return few }
    return many
}
