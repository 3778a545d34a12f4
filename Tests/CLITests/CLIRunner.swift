import Foundation

/// Runs the built `callgear-setup` binary as an operator's shell would, with a private
/// HOME and store, and collects exit code, stdout and stderr.
struct CLIRunner {
    struct Result {
        var code: Int32
        var out: String
        var err: String
    }

    let folder: String
    var store: String { folder + "/store.sqlite" }

    init() {
        folder = NSTemporaryDirectory() + "cgs-cli-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    static var binary: String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("callgear-setup").path
    }

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// `args` get `--store` appended unless `withStore` is false.
    @discardableResult
    func run(_ args: [String], stdin: String? = nil, withStore: Bool = true, environment extra: [String: String] = [:]) throws
        -> Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = args + (withStore ? ["--store", store] : [])
        var environment = ["HOME": folder, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        environment.merge(extra) { $1 }
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            code: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
            err: String(decoding: errData, as: UTF8.self))
    }

    /// The same, waiting on a thread of its own: a test whose portal runs in this process
    /// must not block the cooperative threads the portal needs to answer the binary.
    func runAsync(
        _ args: [String], stdin: String? = nil, withStore: Bool = true, environment extra: [String: String] = [:]
    ) async throws -> Result {
        let outcome: Swift.Result<Result, any Error> = await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(
                    returning: Swift.Result { try self.run(args, stdin: stdin, withStore: withStore, environment: extra) })
            }.start()
        }
        return try outcome.get()
    }

    func write(_ name: String, _ text: String) -> String {
        let path = folder + "/" + name
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func example(_ name: String) -> String {
        Self.repositoryRoot + "/Examples/" + name
    }
}
