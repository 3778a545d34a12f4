/// JSON text as people read it: Foundation's pretty printer with sorted keys, and empty
/// lists and objects on one line (Foundation prints "[", an empty line, "]").
public enum PrettyJSON {
    /// Foundation pretty-prints `[]` as "[", an empty line, "]"; files read better without.
    public static func compactEmptyCollections(_ json: String) -> String {
        var lines: [Substring] = []
        for line in json.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if (trimmed.hasPrefix("]") || trimmed.hasPrefix("}")), lines.count >= 2,
                lines[lines.count - 1].allSatisfy({ $0 == " " }),
                let opener = lines[lines.count - 2].last, opener == "[" || opener == "{"
            {
                lines.removeLast()
                lines[lines.count - 1] += trimmed
            } else {
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }
}
