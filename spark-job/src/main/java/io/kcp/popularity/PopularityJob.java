package io.kcp.popularity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple4;

/**
 * The seed's page-popularity job on Spark Structured Streaming, the same contract as
 * src/popularity/job.ts: messages {@code page|clicks|stay|like} from the input topic; each page's
 * cumulative popularity sum(0.8x + 0.8y + z) on the compacted topic {@code <topic>-popularity}
 * (key = page, value = JavaScript's String(number) of the total); malformed messages with their
 * original key, value and headers plus dlq.reason, dlq.detail, dlq.topic, dlq.partition and
 * dlq.offset on {@code <topic>-dlq}.
 *
 * <p>On a secured cluster {@code --kafka-config FILE} names a Java properties file of Kafka client
 * settings (SASL_SSL, the user's SCRAM login, the CA as inline PEM), read once by the driver and
 * given to every Kafka client of the job: the source, both sinks and the driver's own consumer.
 * The executors get them with the query plan, so they need no file of their own.
 *
 * <p>Two queries, each with its own checkpoint folder (DIR/popularity, DIR/dlq). The popularity
 * state is a flatMapGroupsWithState fold, not a groupBy().sum(): each micro-batch's records of a
 * page are sorted by (partition, offset) and added one by one onto the stored total, so the double
 * is exactly the oracle's log-order sum (pages are keyed, so a page lives in one partition), and a
 * batch replayed after a driver crash (same offsets from the offset log, same state version)
 * writes the very same totals.
 */
public final class PopularityJob {
  private PopularityJob() {}

  static final class Options {
    String bootstrap;
    String topic;
    String checkpoint;
    String outputTopic;
    String dlqTopic;
    long triggerMs = 1000;
    String startingOffsets = "earliest";
    int shufflePartitions = 2;
    Long maxOffsetsPerTrigger;
    String kafkaConfig;
  }

  static final String USAGE = "usage: PopularityJob --bootstrap HOST:PORT[,...] --topic T --checkpoint DIR"
      + " [--output-topic T-popularity] [--dlq-topic T-dlq] [--trigger-ms 1000]"
      + " [--starting-offsets earliest|latest] [--shuffle-partitions 2] [--max-offsets-per-trigger N]"
      + " [--kafka-config FILE]";

  static Options parseArgs(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i += 2) {
      String key = args[i];
      if (i + 1 >= args.length) throw new IllegalArgumentException(key + " needs a value\n" + USAGE);
      String v = args[i + 1];
      switch (key) {
        case "--bootstrap": o.bootstrap = v; break;
        case "--topic": o.topic = v; break;
        case "--checkpoint": o.checkpoint = v; break;
        case "--output-topic": o.outputTopic = v; break;
        case "--dlq-topic": o.dlqTopic = v; break;
        case "--trigger-ms": o.triggerMs = positive(key, v); break;
        case "--starting-offsets":
          if (!v.equals("earliest") && !v.equals("latest")) throw new IllegalArgumentException(key + " must be earliest or latest, got " + v);
          o.startingOffsets = v;
          break;
        case "--shuffle-partitions": o.shufflePartitions = (int) positive(key, v); break;
        case "--max-offsets-per-trigger": o.maxOffsetsPerTrigger = positive(key, v); break;
        case "--kafka-config": o.kafkaConfig = v; break;
        default: throw new IllegalArgumentException("unknown argument " + key + "\n" + USAGE);
      }
    }
    if (o.bootstrap == null || o.topic == null || o.checkpoint == null) {
      throw new IllegalArgumentException("--bootstrap, --topic and --checkpoint are required\n" + USAGE);
    }
    if (o.outputTopic == null) o.outputTopic = o.topic + "-popularity";
    if (o.dlqTopic == null) o.dlqTopic = o.topic + "-dlq";
    return o;
  }

  private static long positive(String key, String v) {
    try {
      long n = Long.parseLong(v);
      if (n > 0) return n;
    } catch (NumberFormatException ignored) {
      // fall through
    }
    throw new IllegalArgumentException(key + " must be a positive integer, got " + v);
  }

  /**
   * The client settings of --kafka-config (none without it), but for bootstrap.servers: the job's
   * --bootstrap names the brokers.
   */
  static Map<String, String> kafkaSettings(Options o) throws IOException {
    Map<String, String> settings = new TreeMap<>();
    if (o.kafkaConfig == null) return settings;
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(o.kafkaConfig), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    for (String key : p.stringPropertyNames()) {
      if (!key.equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) settings.put(key, p.getProperty(key));
    }
    return settings;
  }

  /** Kafka client settings as options of Spark's Kafka source and sink: each key under "kafka.". */
  static Map<String, String> kafkaOptions(Options o, Map<String, String> settings) {
    Map<String, String> options = new TreeMap<>();
    settings.forEach((k, v) -> options.put("kafka." + k, v));
    options.put("kafka.bootstrap.servers", o.bootstrap);
    return options;
  }

  static final StructType PARSED = new StructType()
      .add("page", DataTypes.StringType)
      .add("f", DataTypes.DoubleType)
      .add("reason", DataTypes.StringType)
      .add("detail", DataTypes.StringType);

  /** Kafka's value bytes as UTF-8 text (malformed bytes become U+FFFD, as in the TS client), parsed. */
  static final UDF1<byte[], Row> PARSE = (byte[] value) -> {
    Behaviour.Parsed p = Behaviour.parse(value == null ? null : new String(value, StandardCharsets.UTF_8));
    return p.ok()
        ? RowFactory.create(p.behaviour.page, p.behaviour.contribution(), null, null)
        : RowFactory.create(null, null, p.reason, p.detail);
  };

  /** One batch's records of a page folded onto its total in (partition, offset) order: the oracle's order. */
  static final FlatMapGroupsWithStateFunction<String, Row, Double, Tuple4<String, Double, String, Long>> FOLD =
      (String page, Iterator<Row> rows, GroupState<Double> state) -> {
        List<Row> batch = new ArrayList<>();
        rows.forEachRemaining(batch::add);
        batch.sort(Comparator.<Row>comparingInt(r -> r.getInt(1)).thenComparingLong(r -> r.getLong(2)));
        double total = state.exists() ? state.get() : 0.0;
        for (Row r : batch) total += r.getDouble(3);
        state.update(total);
        return List.of(new Tuple4<>(page, total, JsNumber.format(total), (long) batch.size())).iterator();
      };

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parseArgs(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Map<String, String> settings;
    try {
      settings = kafkaSettings(o);
    } catch (IOException e) {
      System.err.println("--kafka-config " + o.kafkaConfig + ": " + e);
      System.exit(2);
      return;
    }
    Map<String, String> kafka = kafkaOptions(o, settings);
    SparkSession spark = SparkSession.builder().appName("popularity " + o.topic).getOrCreate();
    // Before any query starts; a checkpoint keeps the value of its first run.
    spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(o.shufflePartitions));
    UserDefinedFunction parse = functions.udf(PARSE, PARSED);

    DataStreamReader reader = spark.readStream().format("kafka")
        .options(kafka)
        .option("subscribe", o.topic)
        .option("startingOffsets", o.startingOffsets)
        .option("failOnDataLoss", "true")
        .option("includeHeaders", "true");
    if (o.maxOffsetsPerTrigger != null) reader = reader.option("maxOffsetsPerTrigger", o.maxOffsetsPerTrigger);
    Dataset<Row> parsed = reader.load()
        .select(col("key"), col("value"), col("headers"), col("topic"), col("partition"), col("offset"), parse.apply(col("value")).as("p"));

    StreamingQuery popularity = startPopularity(o, kafka, settings, parsed);
    StreamingQuery dlq = startDeadLetters(o, kafka, parsed);
    System.out.println("popularity job: " + o.topic + " -> " + o.outputTopic + " (malformed -> " + o.dlqTopic + "), checkpoint "
        + o.checkpoint + ", queries " + popularity.id() + " / " + dlq.id());
    spark.streams().awaitAnyTermination();
  }

  private static StreamingQuery startPopularity(Options o, Map<String, String> kafka, Map<String, String> settings, Dataset<Row> parsed) throws Exception {
    Dataset<Row> valid = parsed.where(col("p.reason").isNull())
        .select(col("p.page").as("page"), col("partition"), col("offset"), col("p.f").as("f"));
    Dataset<Tuple4<String, Double, String, Long>> updates = valid
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroupsWithState(FOLD, OutputMode.Update(), Encoders.DOUBLE(),
            Encoders.tuple(Encoders.STRING(), Encoders.DOUBLE(), Encoders.STRING(), Encoders.LONG()), GroupStateTimeout.NoTimeout());
    // The latest total of every page, for the top ten: what earlier drivers published, then each batch's updates.
    Map<String, Double> seen = restoreTotals(o, settings);
    int restored = seen.size();
    VoidFunction2<Dataset<Tuple4<String, Double, String, Long>>, Long> publish = (batch, batchId) -> {
      long started = System.currentTimeMillis();
      batch.persist(StorageLevel.MEMORY_AND_DISK());
      try {
        batch.toDF("page", "popularity", "text", "records")
            .select(col("page").as("key"), col("text").as("value"))
            .write().format("kafka")
            .options(kafka)
            .option("topic", o.outputTopic)
            .save();
        long records = 0;
        List<Tuple4<String, Double, String, Long>> rows = batch.collectAsList();
        for (Tuple4<String, Double, String, Long> t : rows) {
          records += t._4();
          seen.put(t._1(), t._2());
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("batch %d: %d records in %d pages, %d ms%n", batchId, records, rows.size(), System.currentTimeMillis() - started));
        if (!rows.isEmpty()) out.append(topTable(seen, restored));
        System.out.print(out);
        System.out.flush();
      } finally {
        batch.unpersist();
      }
    };
    return updates.writeStream()
        .queryName("popularity")
        .outputMode(OutputMode.Update())
        .trigger(Trigger.ProcessingTime(o.triggerMs))
        .option("checkpointLocation", o.checkpoint + "/popularity")
        .foreachBatch(publish)
        .start();
  }

  /**
   * Every page's latest total on the output topic, as earlier drivers of this job published it, so
   * that the top ten after a restart ranks all pages, not only those updated since. Read here in
   * the driver with a plain consumer (no executor needed, so the queries start as soon as before).
   * The topic can be ahead of the checkpoint (a batch published but not committed): its replay
   * publishes the very same totals. Empty when the topic cannot be read in time.
   */
  static Map<String, Double> restoreTotals(Options o, Map<String, String> settings) {
    Map<String, Double> totals = new HashMap<>();
    Properties props = new Properties();
    props.putAll(settings);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"); // never a topic of the broker defaults
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "popularity-restore-" + o.topic);
    Duration wait = Duration.ofSeconds(30);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(o.outputTopic, wait)) partitions.add(new TopicPartition(p.topic(), p.partition()));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, wait);
      long deadline = System.currentTimeMillis() + 60_000;
      // a page is a key, and a key lives in one partition, read in offset order: the last value is its total
      while (partitions.stream().anyMatch(tp -> consumer.position(tp, wait) < end.get(tp))) {
        if (System.currentTimeMillis() > deadline) throw new IllegalStateException("the output topic was not read to its end within 60 s");
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.key() != null && r.value() != null && r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) totals.put(r.key(), Double.parseDouble(r.value()));
        }
      }
      System.out.printf("top ten: restored the totals of %d pages from %s%n", totals.size(), o.outputTopic);
    } catch (RuntimeException e) {
      System.out.printf("top ten: no totals restored from %s (%s); it starts empty%n", o.outputTopic, e.getMessage());
      totals.clear();
    }
    System.out.flush();
    return totals;
  }

  /** Ranked like src/popularity/oracle.ts compareRanked: value descending, then page id ascending. */
  static String topTable(Map<String, Double> totals, int restored) {
    List<Map.Entry<String, Double>> ranked = new ArrayList<>(totals.entrySet());
    ranked.sort((a, b) -> {
      int byValue = Double.compare(b.getValue(), a.getValue());
      return byValue != 0 ? byValue : a.getKey().compareTo(b.getKey());
    });
    StringBuilder out = new StringBuilder();
    out.append(String.format("  top 10 of %d pages (%d restored from the output topic at start):%n", totals.size(), restored));
    int rank = 0;
    for (Map.Entry<String, Double> e : ranked) {
      if (++rank > 10) break;
      out.append(String.format("  %2d. %-20s %s%n", rank, e.getKey(), JsNumber.format(e.getValue())));
    }
    return out.toString();
  }

  private static StreamingQuery startDeadLetters(Options o, Map<String, String> kafka, Dataset<Row> parsed) throws Exception {
    String headerType = "array<struct<key:string,value:binary>>";
    String dlqKeys = "'dlq.reason','dlq.detail','dlq.topic','dlq.partition','dlq.offset'";
    Dataset<Row> deadLetters = parsed.where(col("p.reason").isNotNull()).select(
        col("key"),
        col("value"),
        // the original headers (but for our own dlq.* keys, replaced as in output.ts), then why and where from
        expr("concat(filter(coalesce(headers, cast(array() as " + headerType + ")), h -> h.key NOT IN (" + dlqKeys + ")), array("
            + "named_struct('key', 'dlq.reason', 'value', cast(p.reason as binary)),"
            + "named_struct('key', 'dlq.detail', 'value', cast(p.detail as binary)),"
            + "named_struct('key', 'dlq.topic', 'value', cast(topic as binary)),"
            + "named_struct('key', 'dlq.partition', 'value', cast(cast(partition as string) as binary)),"
            + "named_struct('key', 'dlq.offset', 'value', cast(cast(offset as string) as binary))))").as("headers"),
        col("p.reason").as("reason"));
    long[] total = {0};
    VoidFunction2<Dataset<Row>, Long> publish = (batch, batchId) -> {
      batch.persist(StorageLevel.MEMORY_AND_DISK());
      try {
        batch.select("key", "value", "headers").write().format("kafka")
            .options(kafka)
            .option("topic", o.dlqTopic)
            .save();
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (Row r : batch.groupBy("reason").count().orderBy("reason").collectAsList()) byReason.put(r.getString(0), r.getLong(1));
        long malformed = byReason.values().stream().mapToLong(Long::longValue).sum();
        total[0] += malformed;
        if (malformed > 0) {
          System.out.printf("dlq batch %d: %d malformed %s (%d since this driver started)%n", batchId, malformed, byReason, total[0]);
          System.out.flush();
        }
      } finally {
        batch.unpersist();
      }
    };
    return deadLetters.writeStream()
        .queryName("dlq")
        .outputMode(OutputMode.Append())
        .trigger(Trigger.ProcessingTime(o.triggerMs))
        .option("checkpointLocation", o.checkpoint + "/dlq")
        .foreachBatch(publish)
        .start();
  }
}
