/**
 * Sharded models: the index that maps each tensor to its shard file ({@link
 * org.jaynes.formats.shards.ShardIndex}, for safetensors and PyTorch alike) and the reading of every shard
 * it names ({@link org.jaynes.formats.shards.ShardedTensors}).
 */
package org.jaynes.formats.shards;
