import AppLog
import ArgumentParser
import Foundation
import Logging
import SetupModel

/// `--log-level`: how much the support log keeps. Declared here for help and checking; the
/// log is set up from the raw arguments before parsing, so even a failed parse is logged.
struct LogOptions: ParsableArguments {
    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp(
            tr(
                "How much the log keeps: trace, debug, info, notice, warning, error, critical (default info; the log is $XDG_STATE_HOME/callgear-setup/callgear-setup.log).",
                ru:
                    "Сколько хранит журнал: trace, debug, info, notice, warning, error, critical (по умолчанию info; журнал — $XDG_STATE_HOME/callgear-setup/callgear-setup.log)."
            ),
            valueName: "LEVEL"))
    var logLevel: String?

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level: '\(logLevel)' is not one of trace, debug, info, notice, warning, error, critical")
        }
    }

    /// Sets the log up from the process's arguments and environment.
    static func bootstrap(
        arguments: [String] = CommandLine.arguments, environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        var level = environment["CALLGEAR_SETUP_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        for (i, argument) in arguments.enumerated() {
            if argument == "--log-level", i + 1 < arguments.count, let chosen = Logger.Level(rawValue: arguments[i + 1]) {
                level = chosen
            } else if argument.hasPrefix("--log-level="), let chosen = Logger.Level(rawValue: String(argument.dropFirst(12))) {
                level = chosen
            }
        }
        Log.bootstrap(file: LogFile(path: LogFile.defaultPath(environment: environment)), level: level)
    }
}
