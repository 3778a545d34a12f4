import Foundation

extension Date {
    /// Local wall-clock time to the minute, as tables, headers and messages show times.
    public var shortText: String {
        // localtime_r rather than a DateFormatter per call: building one cost `profile list`
        // at 1,000 rows half its time (and a shared one is not Sendable).
        var seconds = time_t(timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min
        )
    }
}
