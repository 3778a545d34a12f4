import Foundation

extension Date {
    /// Local wall-clock time to the minute, as tables, headers and messages show times.
    public var shortText: String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: self)
    }
}
