// Batch compression for KafkaProducerPort.send. gzip is built into every Kafka client (the
// seed's kafka-python example sends with compression_type='gzip'); brokers keep the
// producer's codec by default (compression.type=producer), so consumers decompress it.
import { CompressionTypes } from 'kafkajs';
import type { Compression } from './types.js';

export function toKafkajsCompression(compression: Compression | undefined): CompressionTypes {
  switch (compression ?? 'none') {
    case 'none':
      return CompressionTypes.None;
    case 'gzip':
      return CompressionTypes.GZIP;
    default:
      throw new Error(`unsupported compression ${String(compression)} (none | gzip)`);
  }
}
