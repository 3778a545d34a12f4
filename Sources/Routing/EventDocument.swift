import SetupModel

/// The event file `simulate --event` reads: a JSON object with the fields of
/// `RoutingEvent`, checked strictly — an unknown field, a wrong type or a broken file is
/// reported with its line, column and path, like a profile document.
public enum EventDocument {
    public static func decode(_ bytes: [UInt8]) throws(DocumentError) -> RoutingEvent {
        try DocumentError.checkSize(bytes.count, limit: InputLimits.eventBytes, what: "event file")
        let root = try DocumentError.parseObject(bytes)
        let event = try StrictDecoder.decode(RoutingEvent.self, from: root)
        if event.kind == .offline, let phase = root.member("phase") {
            throw DocumentError(
                path: "$.phase", line: phase.line, column: phase.column,
                message: "an offline request is a single event and has no phase — remove 'phase'")
        }
        if event.kind == .chat, event.channel == nil {
            throw DocumentError(
                path: "$.channel", line: root.line, column: root.column,
                message: "a chat needs its channel: \"channel\": {\"id\": \"…\", \"name\": \"…\", \"type\": \"whatsapp\"}")
        }
        return event
    }
}
