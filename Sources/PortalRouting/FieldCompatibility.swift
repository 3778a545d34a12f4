import Bitrix24
import SetupModel

/// Whether a mapping can write into a Bitrix24 field, decided in one place for the console's
/// picker, validation against the portal and the readiness check: each refusal says why.
public enum FieldCompatibility: Equatable, Sendable {
    case fits
    /// Possible, with a caveat the operator should read.
    case caution(String)
    case refused(String)

    /// Types that take no value a mapping can produce.
    static let unwritable: Set<String> = [
        "file", "crm_status", "crm_category", "user", "employee", "iblock_element", "iblock_section", "crm", "boolean",
        "crm_currency", "crm_company", "crm_contact", "address",
    ]

    /// `source`: the CallGear field mapped (a template variable or a custom offline field);
    /// `value`: the list value chosen for an enumeration field.
    public static func check(source: String, value: String?, into field: PortalCatalog.Field) -> FieldCompatibility {
        let name = "«\(field.label)» (\(field.code))"
        if field.isReadOnly {
            return .refused(
                tr(
                    "\(name) is read-only in Bitrix24: nothing can be written into it",
                    ru: "\(name) в Битрикс24 только для чтения: записать в него нельзя"))
        }
        if field.type == "enumeration" {
            guard let value else {
                return .refused(
                    tr(
                        "\(name) is a list: it takes one of its values — choose the value to write",
                        ru: "\(name) — список: берёт одно из своих значений — выберите значение"))
            }
            guard let items = field.items else { return .fits }
            if items.contains(where: { $0.id == value }) { return .fits }
            return .refused(
                tr(
                    "\(name) has no value \(value) — choose one of its \(items.count) values",
                    ru: "у \(name) нет значения \(value) — выберите одно из \(items.count)"))
        }
        if value != nil {
            return .refused(
                tr(
                    "\(name) is not a list: it takes the text of a CallGear field, not a list value",
                    ru: "\(name) — не список: берёт текст поля CallGear, а не значение списка"))
        }
        if unwritable.contains(field.type) {
            return .refused(
                tr(
                    "\(name) is of type \(field.type): it takes no text from CallGear — map into a text field",
                    ru: "\(name) типа \(field.type): текст из CallGear в него не пишется — сопоставьте с текстовым полем"))
        }
        let type = TemplateVariable.named(source)?.valueType ?? .text
        // Before a source is chosen, the check speaks of "the source" (CallGear's fields are text).
        let what = source.isEmpty ? tr("a CallGear field", ru: "поле CallGear") : source
        switch (field.type, type) {
        case ("integer", .number), ("double", .number), ("money", .number): return .fits
        case ("integer", _), ("double", _), ("money", _):
            return .refused(
                tr(
                    "\(name) takes numbers; \(what) is text — map a number (an ID) or choose a text field",
                    ru: "\(name) принимает числа; \(what) — текст — сопоставьте число (ID) или выберите текстовое поле"))
        case ("date", .dateTime):
            return .caution(
                tr(
                    "\(name) is a date: only the date of \(what) is kept, not its time",
                    ru: "\(name) — дата: от \(what) сохранится только дата, без времени"))
        case ("datetime", .dateTime): return .fits
        case ("date", _), ("datetime", _):
            return .refused(
                tr(
                    "\(name) takes a date; \(what) is not one — map date_time or choose a text field",
                    ru: "\(name) принимает дату; \(what) — не дата — сопоставьте date_time или выберите текстовое поле"))
        default: return .fits
        }
    }

    public var reason: String? {
        switch self {
        case .fits: nil
        case .caution(let text), .refused(let text): text
        }
    }
}
