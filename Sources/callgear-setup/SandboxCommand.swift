import ArgumentParser
import Foundation
import Sandbox
import SetupModel

/// `callgear-setup sandbox`: the built-in Bitrix24 portal on loopback, for trying the
/// tool and for tests — prints the webhook URL to paste and serves until interrupted.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: tr(
            "Run the built-in sandbox Bitrix24 portal and CallGear Data API on 127.0.0.1; print the webhook URL, then the Data API address and key.",
            ru:
                "Запустить встроенную песочницу портала Битрикс24 и CallGear Data API на 127.0.0.1; вывести адрес вебхука, затем адрес и ключ Data API."
        ),
        discussion: tr(
            """
            Seeds: demo (a Russian-language portal, 80 users, 3 funnels), large (5,000 users, 60 funnels,
            150 user fields per entity), huge (ten times large), hostile (names with escape sequences, bidi
            overrides, emoji).
            Example: callgear-setup sandbox --seed large --latency-ms 40
            """,
            ru:
                """
                Наборы: demo (русскоязычный портал, 80 пользователей, 3 воронки), large (5000 пользователей, 60 воронок,
                150 пользовательских полей на сущность), huge (в десять раз больше large), hostile (имена с
                escape-последовательностями, bidi, эмодзи).
                Пример: callgear-setup sandbox --seed large --latency-ms 40
                """))

    enum Seed: String, ExpressibleByArgument, CaseIterable { case demo, large, huge, hostile }

    @OptionGroup var log: LogOptions
    @OptionGroup var language: LanguageOption
    @Option(help: ArgumentHelp(tr("demo, large, huge or hostile.", ru: "demo, large, huge или hostile."))) var seed: Seed = .demo
    @Option(
        help: ArgumentHelp(
            tr("Port on 127.0.0.1 (default: any free port).", ru: "Порт на 127.0.0.1 (по умолчанию — любой свободный).")))
    var port: UInt16 = 0
    @Option(
        help: ArgumentHelp(tr("Latency added to every answer, in milliseconds.", ru: "Задержка каждого ответа, в миллисекундах."))
    ) var latencyMs = 0
    @Flag(help: ArgumentHelp(tr("Do not enforce the 2 requests/s rate limit.", ru: "Не соблюдать лимит 2 запроса в секунду.")))
    var noRateLimit = false
    @Option(
        help: ArgumentHelp(
            tr(
                "Also write the sandbox OAuth application's credentials here, for account add --oauth-file.",
                ru: "Также записать сюда ключи приложения OAuth песочницы, для account add --oauth-file."), valueName: "FILE"))
    var oauthFile: String?
    @Option(
        help: ArgumentHelp(
            tr(
                "Seconds an OAuth access token lives (default 3600).",
                ru: "Сколько секунд живёт токен доступа OAuth (по умолчанию 3600)."))) var tokenLifetime: Double = 3600
    @Option(
        help: ArgumentHelp(
            tr(
                "Act as a renamed portal: answer every call with a 302 to this address.",
                ru: "Вести себя как переименованный портал: отвечать на каждый вызов 302 на этот адрес."), valueName: "URL"))
    var movedTo: String?
    @Option(
        help: ArgumentHelp(
            tr(
                "Break down after this many requests: every later answer is an HTML 503 page.",
                ru: "Сломаться после стольких запросов: дальше каждый ответ — HTML-страница 503."))) var failAfter: Int?
    @Option(
        help: ArgumentHelp(
            tr(
                "Answer every call with an HTML page and this status (200: a login page where JSON belongs).",
                ru: "Отвечать на каждый вызов HTML-страницей с этим статусом (200: страница входа вместо JSON).")))
    var htmlStatus: Int?
    @Option(
        help: ArgumentHelp(
            tr(
                "Grant the webhook only these scopes, comma-separated (default: all).",
                ru: "Дать вебхуку только эти права, через запятую (по умолчанию — все)."), valueName: "LIST"))
    var scopes: String?
    @Flag(
        help: ArgumentHelp(
            tr(
                "Act as a portal in simple CRM mode: no leads, a new lead becomes a deal at once.",
                ru: "Вести себя как портал в простом режиме CRM: лидов нет, новый лид сразу становится сделкой.")))
    var simpleCrm = false

    func run() async throws {
        let data: SandboxData =
            switch seed {
            case .demo: .demo
            case .large: .large
            case .huge: .huge
            case .hostile: .hostile
            }
        let portal = SandboxPortal(data: data)
        var faults = SandboxPortal.Faults()
        faults.latencyMs = latencyMs
        faults.rateLimit = !noRateLimit
        faults.accessTokenLifetime = tokenLifetime
        faults.movedTo = movedTo
        faults.failAfterRequests = failAfter
        faults.htmlStatus = htmlStatus
        faults.scopes = scopes.map { Set($0.split(separator: ",").map(String.init)) }
        await portal.setFaults(faults)
        if simpleCrm { await portal.setCRMMode(2) }
        let base: String
        do {
            base = try await portal.start(port: port)
        } catch {
            throw CLIError(
                code: ExitCode.system,
                message: tr("cannot listen on 127.0.0.1:\(port): \(error)", ru: "не удаётся слушать 127.0.0.1:\(port): \(error)"))
        }
        if let oauthFile {
            let credentials = Authorization.oauth(await portal.oauthCredentials(base: base))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.userInfo[.includeSecrets] = true
            guard
                FileManager.default.createFile(
                    atPath: oauthFile, contents: try encoder.encode(credentials), attributes: [.posixPermissions: 0o600])
            else {
                throw CLIError(
                    code: ExitCode.system, message: tr("cannot write \(oauthFile)", ru: "не удаётся записать \(oauthFile)"))
            }
        }
        let dataAPI = DataAPIEmulator()
        let dataAPIEndpoint: String
        do {
            dataAPIEndpoint = try await dataAPI.start()
        } catch {
            throw CLIError(
                code: ExitCode.system,
                message: tr(
                    "the Data API emulator cannot listen on 127.0.0.1: \(error)",
                    ru: "эмулятор Data API не может слушать 127.0.0.1: \(error)"))
        }
        Output.line(await portal.webhookURL(base: base))
        Output.line("data-api \(dataAPIEndpoint) \(dataAPI.key)")
        Output.error(
            tr(
                "sandbox portal (\(seed.rawValue)) at \(base), CallGear Data API emulator at \(dataAPIEndpoint) — Ctrl-C stops them",
                ru:
                    "песочница портала (\(seed.rawValue)) на \(base), эмулятор CallGear Data API на \(dataAPIEndpoint) — Ctrl-C останавливает"
            ))
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}
