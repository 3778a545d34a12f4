import Foundation
import SetupModel

/// How values become the JSON columns of the store: always with secrets (the store is
/// the one place they live), read back through the same strict decoder as files.
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T, secrets: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[.includeSecrets] = secrets
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    /// A stored profile of any format version, upgraded to the current one.
    static func profile(_ text: String, version: Int, what: String) throws -> Profile {
        do {
            return try ProfileFormat.profile(try JSONParser.parse(text), version: version)
        } catch {
            throw StoreError.corrupt("\(what): \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, what: String) throws -> T {
        do {
            return try StrictDecoder.decode(T.self, from: try JSONParser.parse(text))
        } catch {
            throw StoreError.corrupt("\(what): \(error)")
        }
    }
}
