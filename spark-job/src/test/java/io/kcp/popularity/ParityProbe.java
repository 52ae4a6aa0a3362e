package io.kcp.popularity;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Answers, line for line, what the Spark job's parser and number formatter make of the inputs
 * test/spark/java-parity.test.ts sends: the same inputs go through src/popularity/message.ts and
 * String(number), and the answers must be equal. Input lines: {@code m HEX} (a message, its UTF-8
 * bytes in hex; {@code m -} for null) or {@code n HEX} (a double, its IEEE 754 bits in hex). Answers:
 * {@code ok PAGEHEX CLICKS STAY LIKE F}, {@code bad REASON DETAILHEX}, or the formatted number.
 */
public final class ParityProbe {
  private ParityProbe() {}

  public static void main(String[] args) throws Exception {
    HexFormat hex = HexFormat.of();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    for (String line; (line = in.readLine()) != null; ) {
      String arg = line.substring(2);
      if (line.startsWith("n ")) {
        out.println(JsNumber.format(Double.longBitsToDouble(Long.parseUnsignedLong(arg, 16))));
        continue;
      }
      Behaviour.Parsed p = Behaviour.parse(arg.equals("-") ? null : new String(hex.parseHex(arg), StandardCharsets.UTF_8));
      if (p.ok()) {
        Behaviour b = p.behaviour;
        out.println(String.join(" ", "ok", hex.formatHex(b.page.getBytes(StandardCharsets.UTF_8)), Long.toString(b.clicks),
            JsNumber.format(b.stayMinutes), Integer.toString(b.like), JsNumber.format(b.contribution())));
      } else {
        out.println(String.join(" ", "bad", p.reason, hex.formatHex(p.detail.getBytes(StandardCharsets.UTF_8))));
      }
    }
    out.flush();
  }
}
