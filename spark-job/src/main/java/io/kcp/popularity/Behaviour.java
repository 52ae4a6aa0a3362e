package io.kcp.popularity;

import java.io.Serializable;

/**
 * The seed's message {@code pageId|clicks|stayMinutes|like} (e.g. {@code page37|5|1.5119122|-1}),
 * parsed exactly like src/popularity/message.ts: the same strings are accepted, the same malformed
 * reasons (and detail texts) are given, and the contribution is the same double.
 *
 * <p>Grammar (the regexes of test/popularity/message.test.ts): exactly four fields split on '|';
 * page not blank as JavaScript's String.prototype.trim sees it; clicks {@code ^\d+$} and at most
 * 2^53-1; stay {@code ^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$} and finite; like exactly -1, 0 or 1.
 */
public final class Behaviour implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Number.MAX_SAFE_INTEGER */
  static final long MAX_SAFE_INTEGER = 9007199254740991L;

  public final String page;
  public final long clicks;
  public final double stayMinutes;
  public final int like;

  Behaviour(String page, long clicks, double stayMinutes, int like) {
    this.page = page;
    this.clicks = clicks;
    this.stayMinutes = stayMinutes;
    this.like = like;
  }

  /**
   * f(x, y, z) = 0.8x + 0.8y + z, evaluated as in message.ts: (0.8 * clicks + 0.8 * stay) + like,
   * every step a double operation (clicks <= 2^53-1, so (double) clicks is exact).
   */
  public double contribution() {
    return 0.8 * (double) clicks + 0.8 * stayMinutes + (double) like;
  }

  /** A parse outcome: either {@link #behaviour} or a {@link #reason} with a {@link #detail}. */
  public static final class Parsed implements Serializable {
    private static final long serialVersionUID = 1L;
    public final Behaviour behaviour;
    public final String reason;
    public final String detail;

    private Parsed(Behaviour behaviour, String reason, String detail) {
      this.behaviour = behaviour;
      this.reason = reason;
      this.detail = detail;
    }

    public boolean ok() {
      return behaviour != null;
    }
  }

  private static Parsed malformed(String reason, String detail) {
    return new Parsed(null, reason, detail);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** WhiteSpace or LineTerminator of ECMAScript: what String.prototype.trim removes. */
  static boolean isJsWhitespace(char c) {
    switch (c) {
      case '\t': case '\n': case 0x0b: case '\f': case '\r': case ' ':
      case 0x00a0: case 0xfeff: case 0x2028: case 0x2029:
        return true;
      default:
        return c > 0x7f && Character.getType(c) == Character.SPACE_SEPARATOR;
    }
  }

  static boolean isBlank(String page) {
    for (int i = 0; i < page.length(); i++) if (!isJsWhitespace(page.charAt(i))) return false;
    return true;
  }

  /** Plain digits, at most 2^53-1 (Number.isSafeInteger), else -1. */
  private static long scanClicks(String text, int start, int end) {
    if (start == end) return -1;
    long n = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) return -1;
      int d = c - '0';
      if (n > (MAX_SAFE_INTEGER - d) / 10) return -1; // n * 10 + d would pass 2^53-1
      n = n * 10 + d;
    }
    return n;
  }

  /** The stay grammar checked by hand, then Double.parseDouble (correctly rounded, as Number()); NaN if not accepted. */
  private static double scanDecimal(String text, int start, int end) {
    int i = start;
    int digits = 0;
    boolean seenDot = false;
    for (; i < end; i++) {
      char c = text.charAt(i);
      if (isDigit(c)) digits++;
      else if (c == '.' && !seenDot) seenDot = true;
      else break;
    }
    if (digits == 0) return Double.NaN;
    if (i < end) {
      if ((text.charAt(i) | 0x20) != 'e') return Double.NaN;
      i++;
      if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) i++;
      int exponentStart = i;
      while (i < end && isDigit(text.charAt(i))) i++;
      if (i == exponentStart || i != end) return Double.NaN;
    }
    return Double.parseDouble(text.substring(start, end));
  }

  /** Never throws: anything that is not a valid message comes back malformed with a reason. */
  public static Parsed parse(String value) {
    if (value == null || value.isEmpty()) return malformed("empty", "empty message");
    int a = value.indexOf('|');
    int b = a < 0 ? -1 : value.indexOf('|', a + 1);
    int c = b < 0 ? -1 : value.indexOf('|', b + 1);
    if (c < 0 || value.indexOf('|', c + 1) >= 0) {
      int fields = 1;
      for (int i = 0; i < value.length(); i++) if (value.charAt(i) == '|') fields++;
      return malformed("field-count", "expected 4 fields separated by \"|\", got " + fields);
    }
    String page = value.substring(0, a);
    if (isBlank(page)) return malformed("empty-page", "page id is empty");
    long clicks = scanClicks(value, a + 1, b);
    if (clicks < 0) {
      return malformed("invalid-clicks", "clicks must be a non-negative integer, got \"" + value.substring(a + 1, b) + "\"");
    }
    double stay = scanDecimal(value, b + 1, c);
    if (!Double.isFinite(stay)) {
      return malformed("invalid-stay", "stay minutes must be a non-negative finite number, got \"" + value.substring(b + 1, c) + "\"");
    }
    String likeText = value.substring(c + 1);
    int like;
    switch (likeText) {
      case "1": like = 1; break;
      case "0": like = 0; break;
      case "-1": like = -1; break;
      default:
        return malformed("invalid-like", "like must be -1, 0 or 1, got \"" + likeText + "\"");
    }
    return new Parsed(new Behaviour(page, clicks, stay, like), null, null);
  }
}
