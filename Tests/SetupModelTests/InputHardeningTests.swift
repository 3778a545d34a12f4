import Foundation
import SetupModel
import Testing

/// Inputs from outside: loopback is an address, decoding is linear, sizes are limited.
@Suite struct InputHardeningTests {
    @Test(arguments: [
        ("localhost", true), ("127.0.0.1", true), ("127.1.2.3", true), ("::1", true), ("[::1]", true),
        ("0:0:0:0:0:0:0:1", true), ("127.evil.example", false), ("127.0.0.1.nip.io", false), ("127.0.0", false),
        ("128.0.0.1", false), ("1270.0.0.1", false), ("127.0.0.256", false), ("localhost.example", false), ("::2", false),
    ])
    func loopbackIsAnAddress(host: String, loopback: Bool) {
        #expect(PortalDomain.isLoopback(host: host) == loopback, "\(host)")
    }

    /// 64,000 keys in one object: refused (each is an unknown field), and in one pass — the
    /// old scan took 57 s here; a quadratic decoder would not finish within the test run.
    @Test func manyKeysInOneObjectDecodeInOnePass() throws {
        var text = "{\"format\": \"callgear-setup/profile\", \"formatVersion\": 1, \"profile\": {"
        text += (0..<64_000).map { "\"k\($0)\": 1" }.joined(separator: ", ")
        text += "}}"
        do {
            _ = try ProfileDocument.decode(text)
            Issue.record("a document with 64,000 unknown keys was accepted")
        } catch {
            #expect(!error.issues.isEmpty)
        }
        // A dictionary with 50,000 entries decodes whole.
        let fields = "{" + (0..<50_000).map { "\"f\($0)\": \"v\($0)\"" }.joined(separator: ",") + ", \"123\": \"numeric\"}"
        let decoded = try StrictDecoder.decode([String: String].self, from: try JSONParser.parse(fields))
        #expect(decoded.count == 50_001 && decoded["f49999"] == "v49999" && decoded["123"] == "numeric")
    }

    @Test func aDuplicateKeyIsStillNamed() throws {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse("{\"a\": 1, \"b\": 2, \"a\": 3}") }
    }

    @Test func anOversizedDocumentIsRefusedBeforeParsing() {
        let big = "{\"x\": \"" + String(repeating: "a", count: InputLimits.profileDocumentBytes) + "\"}"
        do {
            _ = try ProfileDocument.decode(big)
            Issue.record("accepted")
        } catch {
            #expect(error.issues[0].message.contains("at most 4 MiB is read"), "\(error)")
        }
    }
}
