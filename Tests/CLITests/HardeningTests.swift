import Foundation
import TestSupport
import Testing

/// The holes a review found with the release binary, each closed end to end: clear-text
/// credentials, partial answers, answers that are not JSON, option-like names, the log.
@Suite struct HardeningTests {
    /// A free port on 127.0.0.1 (bound, read, released), for a sandbox that must come back
    /// on the same address.
    static func freePort() -> UInt16 {
        let listener = CapturingListener()
        defer { listener.stop() }
        return listener.port
    }

    @Test func aNameStartingWith127IsNotLoopbackAndNothingLeaves() throws {
        let cli = CLIRunner()
        let proxy = CapturingListener()
        defer { proxy.stop() }
        let environment = ["http_proxy": "http://127.0.0.1:\(proxy.port)", "HTTP_PROXY": "http://127.0.0.1:\(proxy.port)"]
        let result = try cli.run(
            ["portal", "lists", "--webhook", "http://127.evil.example/rest/1/abcdef0123456789/"], withStore: false,
            environment: environment)
        #expect(result.code == 2, "\(result.err)")
        #expect(result.err.contains("refusing plain http to 127.evil.example"))
        #expect(result.err.contains("--allow-insecure-http"), "the advice names an option that exists")
        #expect(proxy.received.isEmpty, "the webhook code went out: \(proxy.received)")
    }

    @Test func plainHTTPToALANPortalOnlyWithTheStoredChoice() throws {
        let cli = CLIRunner()
        let refused = try cli.run(
            ["account", "add", "--domain", "http://crm.office.lan", "--webhook-stdin"],
            stdin: "http://crm.office.lan/rest/1/abcdef0123456789/\n")
        #expect(refused.code == 2)
        #expect(refused.err.contains("add --allow-insecure-http to store that choice"))

        let added = try cli.run(
            [
                "account", "add", "--domain", "http://crm.office.lan", "--name", "Office", "--webhook-stdin",
                "--allow-insecure-http",
            ],
            stdin: "http://crm.office.lan/rest/1/abcdef0123456789/\n")
        #expect(added.code == 0, "\(added.err)")
        #expect(added.err.contains("warning: plain http"))
        let listed = try cli.run(["account", "list", "--json"])
        #expect(listed.out.contains("\"allowInsecureHTTP\" : true"), "\(listed.out)")

        // The choice is honoured: the request really leaves (here into a capturing proxy),
        // and verify says what it costs.
        let proxy = CapturingListener(answer: "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n")
        defer { proxy.stop() }
        let verify = try cli.run(
            ["account", "verify", "Office", "--timeout", "5"], environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)"])
        #expect(proxy.received.contains("crm.office.lan"), "\(verify.err)")

        let withdrawn = try cli.run(["account", "edit", "Office", "--no-allow-insecure-http"])
        #expect(withdrawn.code == 2, "an http account without the choice is refused: \(withdrawn.err)")
    }

    @Test func aPartialAnswerKeepsTheCachedListAndExitsFour() throws {
        let cli = CLIRunner()
        let port = Self.freePort()
        var portal = try PortalCommandTests.SandboxProcess(seed: "demo", extra: ["--port", "\(port)"])
        try cli.addAccount(portal, name: "Sandbox")
        let full = try cli.run(["portal", "lists", "Sandbox"])
        #expect(full.code == 0, "\(full.err)")
        #expect(full.out.contains("Users (76)"))
        portal.stop()

        // The same portal, its webhook now without the `user` scope.
        portal = try PortalCommandTests.SandboxProcess(
            seed: "demo", extra: ["--port", "\(port)", "--scopes", "crm,department,im"])
        defer { portal.stop() }
        let partial = try cli.run(["portal", "lists", "Sandbox"])
        #expect(partial.code == 4, "\(partial.err)")
        #expect(partial.out.contains("Users (76)"), "the cached users stand in: \(partial.out.prefix(400))")
        #expect(partial.err.contains("users: stale — kept from"))
        #expect(!partial.err.contains("u0"), "no internal keys: \(partial.err)")
        #expect(partial.err.contains("the cache was kept as it was"))

        // The cache still holds the whole list for the next time.
        let json = try cli.run(["portal", "lists", "Sandbox", "--json"])
        #expect(json.code == 4)
        #expect(json.out.contains("Анна"), "users come from the cache")
    }

    @Test func aPartialAnswerWithoutCacheSaysWhatIsMissing() throws {
        let cli = CLIRunner()
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo", extra: ["--scopes", "crm,department,im"])
        defer { portal.stop() }
        let result = try cli.run(["portal", "lists", "--webhook", portal.webhook], withStore: false)
        #expect(result.code == 4)
        #expect(result.err.contains("users: not loaded —"), "\(result.err)")
    }

    @Test func aLoginPageWhereJSONBelongsFallsBackToTheCache() throws {
        let cli = CLIRunner()
        let port = Self.freePort()
        var portal = try PortalCommandTests.SandboxProcess(seed: "demo", extra: ["--port", "\(port)"])
        try cli.addAccount(portal, name: "Sandbox")
        #expect(try cli.run(["portal", "lists", "Sandbox"]).code == 0)
        portal.stop()
        portal = try PortalCommandTests.SandboxProcess(seed: "demo", extra: ["--port", "\(port)", "--html-status", "200"])
        defer { portal.stop() }
        let result = try cli.run(["portal", "lists", "Sandbox"])
        #expect(result.code == 4, "\(result.err)")
        #expect(result.err.contains("HTTP 200 with an HTML page"), "\(result.err)")
        #expect(result.out.contains("Users (76)"))
    }

    @Test func namesThatLookLikeOptionsAreRefused() throws {
        let cli = CLIRunner()
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo")
        defer { portal.stop() }
        let domain = try cli.addAccount(portal, name: "Sandbox")
        let created = try cli.run(
            ["profile", "create", "--store", cli.store, "--region", "dubai", "--account", "Sandbox", "--", "-x"], withStore: false
        )
        #expect(created.code == 2)
        #expect(created.err.contains("must not start with '-'"), "\(created.err)")
        try cli.importExample("profile-dubai.json", replacing: "https://demo-callgear.bitrix24.ru", with: domain, as: "ok")
        let exported = try cli.run(["profile", "export", "ok"])
        let file = cli.write("doc.json", exported.out)
        let imported = try cli.run(["profile", "import", file, "--as=--help"])
        #expect(imported.code == 2)
        #expect(imported.err.contains("must not start with '-'"), "\(imported.err)")
    }

    @Test func oversizedInputsAreRefusedWithTheirLimit() throws {
        let cli = CLIRunner()
        let big = cli.write("big.json", "{\"x\": \"" + String(repeating: "a", count: 5 << 20) + "\"}")
        let result = try cli.run(["profile", "validate", "--file", big])
        #expect(result.code == 2)
        #expect(result.err.contains("the profile document is over 4 MiB"), "\(result.err)")
        try cli.importExample(
            "profile-dubai.json", replacing: "https://demo-callgear.bitrix24.ru", with: "https://demo-callgear.bitrix24.ru",
            as: "nothing")
        let event = cli.write(
            "event.json", "{\"kind\": \"offline\", \"text\": \"" + String(repeating: "a", count: 2 << 20) + "\"}")
        let simulated = try cli.run(["simulate", "nothing", "--event", event])
        #expect(simulated.code == 2)
        #expect(simulated.err.contains("the event file is over 1 MiB"), "\(simulated.err)")
    }
}

/// A TCP listener on 127.0.0.1 that records what arrives (a stand-in proxy: it proves
/// whether a request left the process, and where to).
final class CapturingListener: @unchecked Sendable {
    let port: UInt16
    private let socketFD: Int32
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private let answer: String?

    init(answer: String? = nil) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        listen(fd, 8)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socketFD = fd
        port = UInt16(bigEndian: address.sin_port)
        self.answer = answer
        Thread { [self] in self.serve() }.start()
    }

    private func serve() {
        while true {
            let client = accept(socketFD, nil, nil)
            if client < 0 { return }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = read(client, &chunk, chunk.count)
            if n > 0 { record(Array(chunk[0..<n])) }
            if let answer { _ = answer.withCString { write(client, $0, strlen($0)) } }
            close(client)
        }
    }

    private func record(_ data: [UInt8]) {
        lock.lock()
        bytes += data
        lock.unlock()
    }

    var received: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: bytes, as: UTF8.self)
    }

    func stop() {
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }
}
