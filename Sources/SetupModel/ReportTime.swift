import Foundation

/// A moment as the CallGear Data API's reports write it: `YYYY-MM-DD hh:mm:ss` on the
/// account's clock. Replay reads periods in this form and sends them back the same way, so
/// the tool keeps them as wall-clock seconds (no time zone of its own: the account's is the
/// one that counts, and both ends of a comparison use it).
public struct ReportTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01 00:00:00 of the account's clock.
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    /// `2026-11-01`, `2026-11-01 10:30` or `2026-11-01 10:30:15`; nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard (1...2).contains(parts.count) else { return nil }
        let day = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard day.count == 3, let y = day[0], let m = day[1], let d = day[2], parts[0].count == 10 else { return nil }
        var clock = [0, 0, 0]
        if parts.count == 2 {
            let fields = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard (2...3).contains(fields.count), fields.allSatisfy({ $0 != nil }) else { return nil }
            for (i, value) in fields.enumerated() { clock[i] = value! }
        }
        guard (1970...9999).contains(y), (1...12).contains(m), (1...Self.days(in: m, of: y)).contains(d),
            (0...23).contains(clock[0]), (0...59).contains(clock[1]), (0...59).contains(clock[2])
        else { return nil }
        seconds = Self.daysFromEpoch(y, m, d) * 86_400 + clock[0] * 3_600 + clock[1] * 60 + clock[2]
    }

    /// The same wall-clock reading as `date` in UTC: for the sandbox and tests.
    public init(_ date: Date) { seconds = Int(date.timeIntervalSince1970.rounded(.down)) }

    public var date: Date { Date(timeIntervalSince1970: Double(seconds)) }

    public var description: String {
        let (y, m, d) = Self.civil(fromDays: Int((Double(seconds) / 86_400).rounded(.down)))
        let s = seconds - Self.daysFromEpoch(y, m, d) * 86_400
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, s / 3_600, s / 60 % 60, s % 60)
    }

    /// `2026-11-01`.
    public var day: String { String(description.prefix(10)) }

    public func adding(seconds delta: Int) -> ReportTime { ReportTime(seconds: seconds + delta) }

    /// The same moment `months` calendar months later (the day clamped to the month's end).
    public func adding(months: Int) -> ReportTime {
        let (y, m, d) = Self.civil(fromDays: Int((Double(seconds) / 86_400).rounded(.down)))
        let time = seconds - Self.daysFromEpoch(y, m, d) * 86_400
        let total = y * 12 + (m - 1) + months
        let ny = total / 12
        let nm = total % 12 + 1
        return ReportTime(seconds: Self.daysFromEpoch(ny, nm, min(d, Self.days(in: nm, of: ny))) * 86_400 + time)
    }

    public static func < (a: ReportTime, b: ReportTime) -> Bool { a.seconds < b.seconds }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days-from-civil and its inverse: no calendar object, no locale.
    static func daysFromEpoch(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
