/// A command's failure with the exit code scripts rely on: 1 validation failed,
/// 2 usage or input error, 3 the store or the system failed, 4 what is shown is stale or
/// incomplete (the cache stood in for the portal, in whole or in part).
struct CLIError: Error {
    var code: Int32
    var message: String

    static func input(_ message: String) -> CLIError { CLIError(code: 2, message: message) }
    static func validation(_ message: String) -> CLIError { CLIError(code: 1, message: message) }
}

enum ExitCode {
    static let success: Int32 = 0
    static let validation: Int32 = 1
    static let input: Int32 = 2
    static let system: Int32 = 3
    static let stale: Int32 = 4
}
