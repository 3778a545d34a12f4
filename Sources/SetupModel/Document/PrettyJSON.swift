/// JSON text as people read it: Foundation's pretty printer with sorted keys, and empty
/// lists and objects on one line (Foundation prints "[", an empty line, "]").
public enum PrettyJSON {
    /// Foundation pretty-prints `[]` as "[", an empty line, "]"; files read better without.
    public static func compactEmptyCollections(_ json: String) -> String {
        // Only "[" or "{" ending a line can open an empty collection: without one, nothing to do.
        guard json.utf8.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") }) else { return json }
        var out: [UInt8] = []
        out.reserveCapacity(json.utf8.count)
        let bytes = Array(json.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            out.append(byte)
            i += 1
            guard byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{"), i < bytes.count, bytes[i] == 0x0A else { continue }
            // "[" newline, a line of spaces only, newline, spaces, "]" → "[]".
            var j = i + 1
            while j < bytes.count, bytes[j] == 0x20 { j += 1 }
            guard j < bytes.count, bytes[j] == 0x0A else { continue }
            j += 1
            while j < bytes.count, bytes[j] == 0x20 { j += 1 }
            let closer = byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            guard j < bytes.count, bytes[j] == closer else { continue }
            out.append(closer)
            i = j + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
