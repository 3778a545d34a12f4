/// An operator's input that cannot be taken, with a message that says what is wrong and
/// how it should look. Used by every parser of typed-in values.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
