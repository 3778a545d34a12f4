import Foundation
import SetupModel

/// The Data API emulator's traffic: weeks of chats and offline requests as
/// `get.chats_report` and `get.offline_messages_report` rows, so that replay has real-looking
/// data to run on. Deterministic for a given end date: the same seed gives the same rows.
/// Some visitors are the sandbox portal's clients, written the messy ways people type phone
/// numbers, so every routing situation (first contact, open deal, closed lead, company)
/// occurs; the rest are strangers, some of whom come back.
public struct SandboxTraffic: @unchecked Sendable {  // immutable after init
    /// One report row: column name → JSON value (String, Int, NSNull, arrays of objects).
    public typealias Row = [String: Any]

    public let chats: [Row]
    public let offlineRequests: [Row]
    /// Chat id → its messages, for `get.chat_messages_report`.
    public let messages: [Int: [Row]]

    /// The sandbox portal's clients, as visitors type them: (phone, e-mail, name).
    static let knownVisitors: [(String?, String?, String)] = [
        ("+7 (999) 123-45-67", "anna@example.ru", "Анна Петрова"),
        ("89991234567", nil, "Анна"),
        ("8 495 000 11 22", "Boris@Example.ru", "Борис Сидоров"),
        ("8-921-555-00-00", nil, "Виктор"),
        ("+78123334455", "info@romashka.ru", "ООО Ромашка"),
        (nil, "GALINA@example.ru", "Галина Орлова"),
    ]

    /// The channels of the emulator's seed that carry chats (ID, name, type).
    static let channels: [(Int, String, String)] = [
        (7, "Чат на сайте", "comagic"), (111, "WhatsApp Web 111", "whatsapp"), (35, "Telegram bot 35", "telegram"),
        (201, "WhatsApp Business", "waba"), (205, "Viber", "viber"), (206, "ВКонтакте группа", "vkontakte_groups"),
        (208, "Instagram", "instagram"),
    ]
    static let sites = [(5, "example.ae"), (6, "shop.example"), (7, "пример.рф")]
    static let campaigns = ["Зимняя распродажа", "Winter sale", "Бренд", nil]
    static let sources = ["google", "yandex", "Прямые заходы"]
    static let groups = ["Отдел продаж", "Поддержка", "VIP"]
    static let tags = [(1, "vip"), (2, "Повторный")]
    static let forms = [
        ("Custom", "Заказ звонка"), ("Standard", "Обратная связь"), ("DataAPI", "Quote request"), ("Custom", "Прайс"),
    ]
    static let texts = [
        "Здравствуйте, сколько стоит доставка?", "Hello, is the sofa in stock?", "Нужен счёт на оплату",
        "Перезвоните, пожалуйста", "مرحبا، هل يمكنني الطلب؟",
    ]

    /// `chats` chats and `requests` offline requests spread over the `days` days before `end`.
    public init(chats chatCount: Int = 3_000, requests requestCount: Int = 600, days: Int = 42, end: Date) {
        var random = SplitMix64(seed: 20_261_201)
        let span = Double(days) * 86_400
        let start = end.addingTimeInterval(-span)
        func date(_ i: Int, of n: Int) -> Date {
            // Evenly spread with a jitter, oldest first, never after `end`.
            let slot = span / Double(max(n, 1))
            return start.addingTimeInterval(slot * Double(i) + Double(random.next() % UInt64(max(1, Int(slot) - 1))))
        }
        func visitor(_ i: Int) -> (phone: String?, email: String?, name: String?) {
            switch random.next() % 10 {
            case 0, 1:
                let known = Self.knownVisitors[Int(random.next() % UInt64(Self.knownVisitors.count))]
                return (known.0, known.1, known.2)
            case 2:
                return (nil, nil, nil)
            default:
                // A stranger; one in three comes back (a small pool of repeat numbers).
                let number = random.next() % 3 == 0 ? random.next() % 200 : 1_000 + UInt64(i)
                let formats = ["+971 50 \(number % 1000) \(1000 + number)", "+97150\(1_000_000 + number)"]
                return (formats[Int(number % 2)], random.next() % 4 == 0 ? "guest\(number)@mail.example" : nil, nil)
            }
        }
        var chats: [Row] = []
        var messages: [Int: [Row]] = [:]
        for i in 0..<chatCount {
            let id = 500_000 + i
            let channel = Self.channels[Int(random.next() % UInt64(Self.channels.count))]
            let site = Self.sites[Int(random.next() % UInt64(Self.sites.count))]
            let who = visitor(i)
            let when = date(i, of: chatCount)
            let tag = random.next() % 5 == 0 ? Self.tags[Int(random.next() % 2)] : nil
            var row: Row = ["id": id, "communication_id": id, "communication_type": "chat", "date_time": Self.text(when)]
            row["chat_channel_id"] = channel.0
            row["chat_channel_name"] = channel.1
            row["chat_channel_type"] = channel.2
            row["site_id"] = site.0
            row["site_domain_name"] = site.1
            row["campaign_name"] = Self.campaigns[Int(random.next() % 4)] ?? NSNull()
            row["source_name"] = Self.sources[Int(random.next() % 3)]
            row["group_name"] = Self.groups[Int(random.next() % 3)]
            row["tags"] = tag.map { [["tag_id": $0.0, "tag_name": $0.1, "tag_type": "user"] as Row] } ?? [Row]()
            row["utm_source"] = random.next() % 2 == 0 ? "google" : NSNull()
            row["utm_medium"] = "cpc"
            row["utm_campaign"] = random.next() % 3 == 0 ? "winter" : NSNull()
            row["utm_term"] = NSNull()
            row["utm_content"] = NSNull()
            row["visitor_phone_number"] = who.phone ?? NSNull()
            row["visitor_id"] = 90_000 + i
            row["communication_page_url"] = "https://\(site.1)/catalog?page=\(i % 7)"
            row["status"] = "closed"
            chats.append(row)
            messages[id] = [
                ["chat_id": id, "date_time": Self.text(when), "source": "visitor", "text": Self.texts[i % Self.texts.count]],
                [
                    "chat_id": id, "date_time": Self.text(when.addingTimeInterval(60)), "source": "operator",
                    "text": "Добрый день!",
                ],
            ]
        }
        var requests: [Row] = []
        for i in 0..<requestCount {
            let id = 800_000 + i
            let site = Self.sites[Int(random.next() % UInt64(Self.sites.count))]
            let who = visitor(chatCount + i)
            let form = Self.forms[Int(random.next() % UInt64(Self.forms.count))]
            var row: Row = ["id": id, "communication_id": id, "communication_type": "offline_message"]
            row["date_time"] = Self.text(date(i, of: requestCount))
            row["site_id"] = site.0
            row["site_domain_name"] = site.1
            row["form_type"] = form.0
            row["form_name"] = form.1
            row["group_name"] = Self.groups[Int(random.next() % 3)]
            row["text"] = Self.texts[(i + 2) % Self.texts.count]
            row["visitor_phone_number"] = who.phone ?? NSNull()
            row["visitor_email"] = who.email ?? NSNull()
            row["visitor_name"] = who.name ?? NSNull()
            row["campaign_name"] = Self.campaigns[Int(random.next() % 4)] ?? NSNull()
            row["source_name"] = Self.sources[Int(random.next() % 3)]
            row["tags"] = [Row]()
            row["utm_source"] = random.next() % 2 == 0 ? "yandex" : NSNull()
            row["utm_medium"] = "organic"
            row["utm_campaign"] = NSNull()
            row["utm_term"] = NSNull()
            row["utm_content"] = NSNull()
            row["properties"] = ["field_1": i % 2 == 0 ? "Дубай" : "Рига", "field_2": "\(1_000 * (i % 9))"]
            row["communication_page_url"] = "https://\(site.1)/contacts"
            requests.append(row)
        }
        self.chats = chats
        self.offlineRequests = requests
        self.messages = messages
    }

    /// `YYYY-MM-DD hh:mm:ss`, as the account's clock shows it (UTC here).
    static func text(_ date: Date) -> String { ReportTime(date).description }
}

/// A small, seedable generator: the traffic must be the same on every run and machine.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
