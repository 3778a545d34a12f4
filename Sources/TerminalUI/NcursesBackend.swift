internal import CNcursesw
import Foundation

/// The real terminal, through ncursesw's wide-character API.
///
/// Set up as htop does it: the locale first (and an ASCII fallback when it is not UTF-8),
/// raw mode so Ctrl-S and Ctrl-Q reach us, a short but SSH-safe ESC delay, default colours,
/// extra key sequences some terminals send. stderr goes to a log file while the screen is
/// up, since a stray library message would tear the frame.
@MainActor
public final class NcursesBackend: TerminalBackend {
    public private(set) var width = 80
    public private(set) var height = 24
    public private(set) var colors = 0
    public private(set) var isUTF8 = true
    private var started = false
    private var savedStderr: Int32 = -1
    private var pairs: [Pair: Int16] = [:]
    private let escapeDelayMs: Int32
    private let stderrLogPath: String?

    struct Pair: Hashable {
        var foreground: TerminalColor
        var background: TerminalColor
    }

    /// - Parameters:
    ///   - escapeDelayMs: how long a lone ESC waits for the rest of a sequence; 50 ms by
    ///     default (htop uses 25; SSH links need more). `ESCDELAY` in the environment wins.
    ///   - stderrLogPath: where stderr goes while the screen is up (nil: /dev/null).
    /// xterm mouse reporting: clicks and the wheel arrive as events. Off, the terminal keeps
    /// its own selection (for copying text).
    public var mouse = true

    public init(escapeDelayMs: Int32 = 50, stderrLogPath: String? = nil) {
        self.escapeDelayMs = Int32(ProcessInfo.processInfo.environment["ESCDELAY"] ?? "") ?? escapeDelayMs
        self.stderrLogPath = stderrLogPath
    }

    /// The environment's locale; when it is not installed (servers often have only
    /// `C.UTF-8`) but asks for UTF-8, `C.UTF-8`, so `LANG=ru_RU.UTF-8` still draws UTF-8.
    /// The console's words do not depend on it (see `Language`).
    static func chooseLocale(_ environment: [String: String] = ProcessInfo.processInfo.environment) {
        if setlocale(LC_ALL, "") != nil { return }
        let asked = ["LC_ALL", "LC_CTYPE", "LANG"].compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let normalized = asked.lowercased().replacingOccurrences(of: "-", with: "")
        if normalized.contains("utf8"), setlocale(LC_ALL, "C.UTF-8") == nil {
            setlocale(LC_ALL, "C.utf8")
        }
    }

    public func start() throws {
        Self.chooseLocale()
        isUTF8 = cnc_is_utf8() != 0
        savedStderr = dup(2)
        let sink = open(stderrLogPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        if sink >= 0 {
            dup2(sink, 2)
            close(sink)
        }
        guard initscr() != nil else {
            restoreStderr()
            throw TerminalError.cannotStart(
                tr(
                    "ncurses could not start — is TERM set to a known terminal?",
                    ru: "ncurses не запустился — TERM указывает на известный терминал?"))
        }
        started = true
        raw()
        noecho()
        nonl()
        intrflush(cnc_stdscr(), false)
        keypad(cnc_stdscr(), true)
        set_escdelay(escapeDelayMs)
        curs_set(0)
        if has_colors() && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true {
            start_color()
            use_default_colors()
            colors = Int(cnc_colors())
        }
        for (sequence, code) in [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END),
            ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END),
            ("\u{1B}[11~", cnc_key_f(1)), ("\u{1B}[12~", cnc_key_f(2)), ("\u{1B}[13~", cnc_key_f(3)),
            ("\u{1B}[14~", cnc_key_f(4)), ("\u{1B}[Z", KEY_BTAB),
        ] {
            define_key(sequence, code)
        }
        if mouse {
            mousemask(cnc_mouse_mask(), nil)
            // A press is reported at once, not after waiting to tell a click from a drag.
            mouseinterval(0)
        }
        _ = refreshSize()
    }

    public func stop() {
        guard started else { return }
        started = false
        curs_set(1)
        endwin()
        restoreStderr()
    }

    private func restoreStderr() {
        if savedStderr >= 0 {
            dup2(savedStderr, 2)
            close(savedStderr)
            savedStderr = -1
        }
    }

    public func refreshSize() -> (width: Int, height: Int) {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
            resizeterm(Int32(size.ws_row), Int32(size.ws_col))
        }
        width = Int(cnc_cols())
        height = Int(cnc_lines())
        return (width, height)
    }

    public func invalidate() {
        clearok(cnc_stdscr(), true)
    }

    public func present(_ buffer: Buffer, previous: Buffer?) {
        let screen = cnc_stdscr()
        if previous == nil || previous!.width != buffer.width || previous!.height != buffer.height { werase(screen) }
        for change in buffer.changes(since: previous) {
            var text = change.cell.text
            if !isUTF8 { text = Self.ascii(text) }
            let (attributes, pair) = attributesAndPair(change.cell.style)
            var wide = Array(text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) })
            wide.append(0)
            _ = cnc_put_cluster(screen, Int32(change.y), Int32(change.x), wide, attributes, pair)
        }
        if let cursor = buffer.cursor, cursor.x < buffer.width, cursor.y < buffer.height {
            wmove(screen, Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wnoutrefresh(screen)
        doupdate()
    }

    private func attributesAndPair(_ style: Style) -> (attr_t, Int16) {
        var attributes = cnc_a_normal()
        if style.attributes.contains(.bold) { attributes |= cnc_a_bold() }
        if style.attributes.contains(.underline) { attributes |= cnc_a_underline() }
        if style.attributes.contains(.reverse) { attributes |= cnc_a_reverse() }
        if style.attributes.contains(.dim) { attributes |= cnc_a_dim() }
        guard colors > 0 else { return (attributes, 0) }
        let key = Pair(foreground: style.foreground.degraded(to: colors), background: style.background.degraded(to: colors))
        if key.foreground == .default && key.background == .default { return (attributes, 0) }
        if let pair = pairs[key] { return (attributes, pair) }
        let next = Int16(pairs.count + 1)
        guard Int32(next) < cnc_color_pairs() else { return (attributes, 0) }
        init_pair(next, Self.number(key.foreground), Self.number(key.background))
        pairs[key] = next
        return (attributes, next)
    }

    private static func number(_ color: TerminalColor) -> Int16 {
        if case .indexed(let n) = color { return Int16(n) }
        return -1
    }

    /// Without a UTF-8 locale only ASCII is safe: box drawing becomes +-|, the rest '?'.
    static func ascii(_ text: String) -> String {
        String(
            text.unicodeScalars.map { scalar -> Character in
                if scalar.isASCII { return Character(scalar) }
                switch scalar.value {
                case 0x2500, 0x2550: return "-"
                case 0x2502, 0x2551: return "|"
                case 0x250C...0x254B, 0x2554...0x256C: return "+"
                case 0x2026: return "~"
                case 0x25B8, 0x25B6, 0x2192: return ">"
                case 0x2022, 0x25CF: return "*"
                default: return "?"
                }
            })
    }

    public func readEvents(timeoutMs: Int32, wakeFD: Int32) -> [TerminalEvent] {
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 2, timeoutMs)
        guard ready > 0, fds[0].revents & Int16(POLLIN) != 0 else { return [] }
        var events: [TerminalEvent] = []
        let screen = cnc_stdscr()
        nodelay(screen, true)
        defer { nodelay(screen, false) }
        var code: wint_t = 0
        while true {
            let status = wget_wch(screen, &code)
            if status == ERR { break }
            if status == cnc_key_code_yes() {
                if Int32(code) == KEY_MOUSE {
                    var event = MEVENT()
                    if getmouse(&event) == OK, let mouse = Self.mouseEvent(event) { events.append(.mouse(mouse)) }
                    continue
                }
                if let event = Self.functionKey(Int32(code)) { events.append(event) }
                continue
            }
            guard let scalar = Unicode.Scalar(UInt32(code)) else { continue }
            // A combining mark typed on its own joins the character before it.
            if scalar.properties.generalCategory == .nonspacingMark, case .key(.character(let base))? = events.last {
                events[events.count - 1] = .key(.character(Character(String(base) + String(scalar))))
                continue
            }
            events.append(.key(Self.key(for: scalar)))
        }
        return events
    }

    static func mouseEvent(_ event: MEVENT) -> MouseEvent? {
        let kind: MouseEvent.Kind
        if cnc_wheel_up(event.bstate) != 0 {
            kind = .wheelUp
        } else if cnc_wheel_down(event.bstate) != 0 {
            kind = .wheelDown
        } else if cnc_button1(event.bstate) != 0 {
            kind = .press
        } else {
            return nil
        }
        return MouseEvent(kind, x: Int(event.x), y: Int(event.y))
    }

    static func key(for scalar: Unicode.Scalar) -> Key {
        switch scalar.value {
        case 0x1B: return .escape
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(scalar.value + 0x60)!))
        default: return .character(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> TerminalEvent? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_DC: return .key(.delete)
        case KEY_IC: return .key(.insert)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        case cnc_key_resize(): return nil  // SIGWINCH is handled by the runtime
        default:
            for n in 1...12 where code == cnc_key_f(Int32(n)) { return .key(.function(n)) }
            return nil
        }
    }
}

public enum TerminalError: Error, CustomStringConvertible {
    case cannotStart(String)
    public var description: String {
        switch self {
        case .cannotStart(let message): message
        }
    }
}
