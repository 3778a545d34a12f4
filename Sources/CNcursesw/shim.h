/* Wide ncurses for Swift. NCURSES_WIDECHAR must precede <curses.h>: SwiftPM drops the
 * -D flags pkg-config would give, and without them wget_wch/cchar_t stay invisible. */
#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdint.h>
#include <wchar.h>
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif
#if !NCURSES_WIDECHAR
#error "wide ncurses API not visible"
#endif

/* C globals and function-like macros as functions: Swift 6 rejects the globals. */
static inline WINDOW *cnc_stdscr(void)      { return stdscr; }
static inline int     cnc_lines(void)       { return LINES; }
static inline int     cnc_cols(void)        { return COLS; }
static inline int     cnc_colors(void)      { return COLORS; }
static inline int     cnc_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t  cnc_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline attr_t  cnc_a_bold(void)      { return A_BOLD; }
static inline attr_t  cnc_a_reverse(void)   { return A_REVERSE; }
static inline attr_t  cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t  cnc_a_dim(void)       { return A_DIM; }
static inline attr_t  cnc_a_normal(void)    { return A_NORMAL; }
static inline int     cnc_key_f(int n)      { return KEY_F(n); }
static inline int     cnc_key_code_yes(void){ return KEY_CODE_YES; }
static inline int     cnc_key_resize(void)  { return KEY_RESIZE; }
static inline int     cnc_is_utf8(void) {
    const char *c = nl_langinfo(CODESET);
    return c && c[0] == 'U' && c[1] == 'T' && c[2] == 'F';
}
/* glibc declares wcwidth only under _XOPEN_SOURCE, which SwiftPM drops. */
int wcwidth(wchar_t c);
static inline int cnc_wcwidth(uint32_t c) { return wcwidth((wchar_t)c); }

/* One grapheme cluster (base + combining marks, 0-terminated) at y,x. */
static inline int cnc_put_cluster(WINDOW *w, int y, int x, const wchar_t *wcs,
                                  attr_t attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, wcs, attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(w, y, x, &cc);
}
/* Mouse masks are macros built from other macros; Swift sees none of them. */
static inline mmask_t cnc_mouse_mask(void)        { return BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline int     cnc_button1(mmask_t m)      { return (m & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0; }
static inline int     cnc_wheel_up(mmask_t m)     { return (m & BUTTON4_PRESSED) != 0; }
static inline int     cnc_wheel_down(mmask_t m)   { return (m & BUTTON5_PRESSED) != 0; }
#endif
