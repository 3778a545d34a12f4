import ArgumentParser
import Foundation
import ProfileStore
import SetupModel

/// Options every command that touches the store takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            tr(
                "The store file (default: $XDG_DATA_HOME/callgear-setup/store.sqlite).",
                ru: "Файл хранилища (по умолчанию $XDG_DATA_HOME/callgear-setup/store.sqlite)."), valueName: "PATH"))
    var store: String?
    @OptionGroup var log: LogOptions
    @OptionGroup var language: LanguageOption

    func openStore() throws -> ProfileStore {
        try ProfileStore(path: store ?? ProfileStore.defaultPath())
    }
}

/// Reads a file argument, with "-" meaning standard input. Input over `limit` bytes is
/// refused before it is read whole (a wrong file, or a hostile one).
func readInput(_ path: String, limit: Int, what: String) throws -> [UInt8] {
    func tooLarge(_ count: Int) -> CLIError {
        .input(
            tr(
                "\(path): the \(what) is over \(InputLimits.sizeText(limit)) (\(count)\(path == "-" ? "+" : "") bytes); at most \(InputLimits.sizeText(limit)) is read — is this the right file?",
                ru:
                    "\(path): файл больше \(InputLimits.sizeText(limit)) (\(count)\(path == "-" ? "+" : "") байт, \(what)); читается не больше \(InputLimits.sizeText(limit)) — это тот файл?"
            )
        )
    }
    if path == "-" {
        var bytes: [UInt8] = []
        while let line = readLine(strippingNewline: false) {
            bytes += Array(line.utf8)
            if bytes.count > limit { throw tooLarge(bytes.count) }
        }
        return bytes
    }
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
        throw tooLarge(size)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        let exists = FileManager.default.fileExists(atPath: path)
        throw CLIError.input(
            exists
                ? tr("\(path): cannot be read (permission denied?)", ru: "\(path): не читается (нет прав?)")
                : tr("\(path): no such file", ru: "\(path): нет такого файла"))
    }
    if data.count > limit { throw tooLarge(data.count) }
    return Array(data)
}

/// "FILE: line 3, column 5: $.profile.x: message" — one line per issue, like a compiler.
func documentFailure(_ error: DocumentError, file: String) -> CLIError {
    let lines = error.issues.map { issue in
        var place = file
        if let line = issue.line { place += ":\(line)" + (issue.column.map { ":\($0)" } ?? "") }
        return "\(place): \(issue.path): \(issue.message)"
    }
    return .input(lines.joined(separator: "\n"))
}

/// Reads and decodes a profile document, failing with the compiler-style message.
func readDocument(_ file: String) throws -> ProfileDocument {
    do {
        return try ProfileDocument.decode(
            try readInput(file, limit: InputLimits.profileDocumentBytes, what: "profile document"))
    } catch let error as DocumentError {
        throw documentFailure(error, file: file)
    }
}
