/// One row of the "Chat responsible filter": requests for which the condition holds go to
/// this Bitrix24 user; the first matching row wins, the rest go to the default responsible.
public struct ResponsibleRule: Hashable, Sendable, Codable {
    public var condition: Condition
    /// A Bitrix24 user ID (a string, as the portal gives it).
    public var responsible: String

    public init(condition: Condition, responsible: String) {
        self.condition = condition
        self.responsible = responsible
    }
}
