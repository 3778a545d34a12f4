import Foundation
import Routing
import SetupModel
import Testing

/// The example event files decode, and broken ones say where.
@Suite struct EventDocumentTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples")

    @Test(arguments: ["event-chat-started.json", "event-chat-ended.json", "event-offline-request.json"])
    func examplesDecode(_ name: String) throws {
        let bytes = try Array(Data(contentsOf: Self.examples.appendingPathComponent(name)))
        let event = try EventDocument.decode(bytes)
        #expect(event.visitor.hasContactDetails)
        #expect(name.contains("offline") == (event.kind == .offline))
    }

    @Test func variablesForTemplatesAndMappings() throws {
        let bytes = try Array(Data(contentsOf: Self.examples.appendingPathComponent("event-offline-request.json")))
        let event = try EventDocument.decode(bytes)
        #expect(event.variables["form_name"] == "Обратный звонок")
        #expect(event.variables["city"] == "Москва")
        #expect(event.variables["request_text"]?.hasPrefix("Перезвоните") == true)
        #expect(event.values(for: .page) == ["https://shop.example/contacts"])
    }

    @Test func anOfflineRequestHasNoPhase() {
        #expect(throws: DocumentError.self) {
            try EventDocument.decode(Array(#"{"kind": "offline", "phase": "started"}"#.utf8))
        }
    }

    @Test func wrongTypeIsNamedWithItsPlace() {
        do {
            _ = try EventDocument.decode(Array("{\"kind\": \"chat\",\n \"channel\": {\"id\": 111}}".utf8))
            Issue.record("decoded")
        } catch {
            #expect(error.issues.first?.path == "$.channel.id")
            #expect(error.issues.first?.line == 2)
        }
    }
}
