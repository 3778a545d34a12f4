import Foundation

/// Decodes the PHP-style query strings of `batch` sub-calls (`filter[>ID]=5&select[]=ID`)
/// into nested dictionaries, as the portal's `http_build_query` counterpart does.
enum PHPQuery {
    static func decode(_ query: String) -> [String: Any] {
        var root: [String: Any] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decodeComponent(String(parts[0]))
            let value = parts.count > 1 ? decodeComponent(String(parts[1])) : ""
            var path: [String] = []
            if let open = key.firstIndex(of: "[") {
                path.append(String(key[..<open]))
                var rest = key[open...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    path.append(String(rest[rest.index(after: rest.startIndex)..<close]))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                path = [key]
            }
            insert(value, at: path[...], into: &root)
        }
        return root
    }

    private static func insert(_ value: String, at path: ArraySlice<String>, into dictionary: inout [String: Any]) {
        guard let head = path.first else { return }
        let rest = path.dropFirst()
        if rest.isEmpty {
            dictionary[head] = value
            return
        }
        if rest.first == "" {
            var list = dictionary[head] as? [Any] ?? []
            list.append(value)
            dictionary[head] = list
            return
        }
        var child = dictionary[head] as? [String: Any] ?? [:]
        insert(value, at: rest, into: &child)
        dictionary[head] = child
    }

    private static func decodeComponent(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
    }
}
