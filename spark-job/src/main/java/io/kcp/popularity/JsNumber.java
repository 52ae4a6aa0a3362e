package io.kcp.popularity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * JavaScript's String(number) for a double (ECMAScript Number::toString): the shortest decimal
 * that reads back as the same double, written "3", "0.1", "1e+21", "1.5e-7". The TypeScript job
 * writes its values this way and readers use Number(value). Java 17's Double.toString writes
 * "3.0" and "1.0E10" and is not always the shortest, so the digits are found here with
 * BigDecimal: the exact value rounded to 1, 2, ... 17 significant digits, the first that reads
 * back as the same double. Whatever the digits, the text always reads back to the same double.
 */
public final class JsNumber {
  private JsNumber() {}

  public static String format(double x) {
    if (Double.isNaN(x)) return "NaN";
    if (x == 0) return "0"; // also -0, as String(-0) is "0"
    if (Double.isInfinite(x)) return x > 0 ? "Infinity" : "-Infinity";
    if (x < 0) return "-" + format(-x);
    BigDecimal exact = new BigDecimal(x);
    BigDecimal shortest = exact;
    for (int p = 1; p <= 17; p++) {
      BigDecimal rounded = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (Double.parseDouble(rounded.toString()) == x) {
        shortest = rounded;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    String s = shortest.unscaledValue().toString(); // the digits, k of them
    int k = s.length();
    int n = k - shortest.scale(); // value = s * 10^(n - k)
    StringBuilder out = new StringBuilder(32);
    if (k <= n && n <= 21) {
      out.append(s);
      for (int i = 0; i < n - k; i++) out.append('0');
    } else if (0 < n && n <= 21) {
      out.append(s, 0, n).append('.').append(s, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.");
      for (int i = 0; i < -n; i++) out.append('0');
      out.append(s);
    } else {
      out.append(s.charAt(0));
      if (k > 1) out.append('.').append(s, 1, k);
      out.append('e').append(n - 1 >= 0 ? '+' : '-').append(Math.abs(n - 1));
    }
    return out.toString();
  }
}
