import ArgumentParser
import SetupModel

/// Help texts many commands share, written once in both languages.
enum CommonHelp {
    static var profileName: ArgumentHelp { ArgumentHelp(tr("The profile's name.", ru: "Название профиля.")) }
    static var json: ArgumentHelp { ArgumentHelp(tr("Print JSON.", ru: "Вывести JSON.")) }
    static var account: ArgumentHelp {
        ArgumentHelp(tr("The account: its domain or name.", ru: "Аккаунт: его домен или название."))
    }
    static var timeout: ArgumentHelp {
        ArgumentHelp(tr("Seconds to wait for each answer.", ru: "Сколько секунд ждать каждого ответа."))
    }
}

/// "Example: COMMAND" in the language in force; the command is written once.
func example(_ command: String) -> String { tr("Example: ", ru: "Пример: ") + command }

func examples(_ commands: String) -> String { tr("Examples: ", ru: "Примеры: ") + commands }
