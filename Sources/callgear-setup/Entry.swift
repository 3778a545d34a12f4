import AppLog
import ArgumentParser
import Foundation
import ProfileStore
import SetupModel
import TextSafety

/// The process entry: parse, run, and turn every failure into a sanitized message on
/// stderr and the documented exit code (ArgumentParser's own would be 64 for usage).
@main
enum Entry {
    static func main() async {
        // SIGXFSZ would kill the process when a file size limit is hit; the write then fails
        // with an error that is reported like a full disk instead.
        signal(SIGXFSZ, SIG_IGN)
        LogOptions.bootstrap()
        let environment = ProcessInfo.processInfo.environment
        let config = OperatorConfig.load(path: OperatorConfig.defaultPath(environment: environment))
        OperatorConfig.current = config
        Language.setProcessLanguage(
            LanguageOption.choose(arguments: CommandLine.arguments, config: config, environment: environment))
        for problem in config.problems {
            Output.error(
                tr(
                    "warning: config: \(problem.text) — that line is left out",
                    ru: "предупреждение: настройки: \(problem.text) — строка пропущена"))
        }
        let code: Int32
        do {
            var command = try CallgearSetup.parseAsRoot()
            Log.app.info("command \(type(of: command)._commandName)")
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
            code = ExitCode.success
        } catch let error as CLIError {
            Output.error(error.message)
            code = error.code
            Log.app.notice("\(error.message)", metadata: ["exit": "\(code)"])
        } catch let error as StoreError {
            Output.error(error.description)
            code = Self.exitCode(for: error)
            Log.store.error("\(error.description)", metadata: ["exit": "\(code)"])
        } catch {
            let parserCode = CallgearSetup.exitCode(for: error)
            let message = CallgearSetup.fullMessage(for: error)
            if parserCode == .success {
                if !message.isEmpty { Output.line(message) }
                code = ExitCode.success
            } else {
                Output.error(message)
                code = ExitCode.input
            }
        }
        exit(code)
    }

    static func exitCode(for error: StoreError) -> Int32 {
        switch error {
        case .cannotCreate, .notAStore, .newerStore, .database, .corrupt, .diskFull, .readOnly: ExitCode.system
        default: ExitCode.input
        }
    }
}
