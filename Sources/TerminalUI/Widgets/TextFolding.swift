#if canImport(Glibc)
    import Glibc
#endif
/// The form text is compared in for type-to-filter: lowercase, and ё as е (Russian
/// writers use them interchangeably), as UTF-8 bytes so matching is a byte search.
public enum TextFolding {
    public static func fold(_ text: String) -> [UInt8] {
        Array(text.lowercased().replacingOccurrences(of: "ё", with: "е").utf8)
    }

    /// Whether `needle` occurs in `bytes[start..<end]`: the C library's `memchr` finds each
    /// candidate first byte (a word at a time), `memcmp` checks the rest.
    @inline(__always)
    public static func contains(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, _ needle: [UInt8]) -> Bool {
        let n = needle.count
        if n == 0 { return true }
        if n > end - start { return false }
        guard let base = bytes.baseAddress else { return false }
        return needle.withUnsafeBufferPointer { nee in
            let first = Int32(nee[0])
            var at = base + start
            let last = base + end - n
            while at <= last {
                guard let hit = memchr(at, first, last - at + 1) else { return false }
                let p = hit.assumingMemoryBound(to: UInt8.self)
                if n == 1 || memcmp(p + 1, nee.baseAddress! + 1, n - 1) == 0 { return true }
                at = UnsafePointer(p + 1)
            }
            return false
        }
    }

    /// Whether `needle` occurs in `haystack` (byte substring search).
    @inline(__always)
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = needle.count
        if n == 0 { return true }
        let h = haystack.count
        if n > h { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { nee in
                let first = nee[0]
                var i = 0
                let last = h - n
                while i <= last {
                    if hay[i] == first {
                        var j = 1
                        while j < n && hay[i + j] == nee[j] { j += 1 }
                        if j == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// The character range of the first match of `filter` in `text`, for highlighting.
    public static func matchRange(of filter: String, in text: String) -> Range<Int>? {
        guard !filter.isEmpty else { return nil }
        let folded = Array(text.lowercased().replacingOccurrences(of: "ё", with: "е"))
        let needle = Array(filter.lowercased().replacingOccurrences(of: "ё", with: "е"))
        guard folded.count == text.count, needle.count <= folded.count else { return nil }
        for start in 0...(folded.count - needle.count) where Array(folded[start..<(start + needle.count)]) == needle {
            return start..<(start + needle.count)
        }
        return nil
    }
}
