/// A Russian operator's keyboard is often left in the ЙЦУКЕН layout: the key marked Q then
/// types «й». Letter shortcuts (q, n, a, d, dialog answers) are matched by the key's place,
/// so they work in either layout; typing text is untouched.
public enum KeyboardLayout {
    static let russianToLatin: [Character: Character] = {
        let russian = Array("йцукенгшщзхъфывапролджэячсмитьбю")
        let latin = Array("qwertyuiop[]asdfghjkl;'zxcvbnm,.")
        var map: [Character: Character] = [:]
        for (r, l) in zip(russian, latin) {
            map[r] = l
            map[Character(r.uppercased())] = Character(l.uppercased())
        }
        map["ё"] = "`"
        return map
    }()

    /// The Latin character on the same key, for a letter typed in the Russian layout.
    public static func latin(for character: Character) -> Character? { russianToLatin[character] }
}
