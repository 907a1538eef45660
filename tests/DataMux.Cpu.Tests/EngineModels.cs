using DataMux;
using static DataMux.Demux;
using static DataMux.Mux;

namespace DataMux.Cpu.Tests;

// The models the engine is compared on, generated like a user's. Small (2 layers of 32, 4 heads) except where a test
// needs a path's threshold (LongTagger: 64 positions or more, where MKL attention takes over). Dropout is on in every
// model, so a compiled model left in training mode would show.
#pragma warning disable DMX0025 // the identity mux mixes several inputs: the engine must run it all the same

// Gaussian Hadamard mux, index demux over tokens, input shortcut, re-embedding (the default): every engine path.
[Multiplexed(N = 3, Mux = GaussianHadamard, Demux = IndexEmbedding, InputShortcut = true, Seed = 5)]
[Transformer(Layers = 2, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, Dropout = 0.1)]
[TokenClassification(Labels = 5)]
public partial class GaussianIndexTagger { }

// The same with a context layer before the mux: the embedding, context and mux modules run in turn.
[Multiplexed(N = 3, Mux = GaussianHadamard, Demux = IndexEmbedding, InputShortcut = true, ContextWindow = 3, Seed = 5)]
[Transformer(Layers = 2, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, Dropout = 0.1)]
[TokenClassification(Labels = 5)]
public partial class ContextIndexTagger { }

// Sequence classification without re-embedding: the demux runs as the model's Decode.
[Multiplexed(N = 3, Mux = GaussianHadamard, Demux = IndexEmbedding, Reembed = false, Seed = 5)]
[Transformer(Layers = 2, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, Dropout = 0.1)]
[SequenceClassification(Classes = 3)]
public partial class GaussianIndexClassifier { }

// Binary Hadamard mux with the MLP demux over tokens: no fused demux for it.
[Multiplexed(N = 4, Mux = BinaryHadamard, Demux = Mlp, Seed = 5)]
[Transformer(Layers = 2, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, Dropout = 0.1)]
[TokenClassification(Labels = 3)]
public partial class BinaryMlpTagger { }

// Identity mux (element-wise, no per-index vectors), index demux, sequence task.
[Multiplexed(N = 2, Mux = Identity, Demux = IndexEmbedding, Seed = 5)]
[Transformer(Layers = 2, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, Dropout = 0.1)]
[SequenceClassification(Classes = 2)]
public partial class IdentityIndexClassifier { }

// Orthogonal mux (not element-wise: the two modules run) with the input shortcut, sequence task.
[Multiplexed(N = 3, Mux = Orthogonal, Demux = IndexEmbedding, InputShortcut = true, Seed = 5)]
[Transformer(Layers = 2, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, Dropout = 0.1)]
[SequenceClassification(Classes = 3)]
public partial class OrthogonalShortcutClassifier { }

// Learned mux with the index demux over tokens.
[Multiplexed(N = 2, Mux = Learned, Demux = IndexEmbedding, Seed = 5)]
[Transformer(Layers = 2, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, Dropout = 0.1)]
[TokenClassification(Labels = 3)]
public partial class LearnedIndexTagger { }

// The plain Transformer (N = 1, no mux, no demux): the baseline B1.
[Multiplexed(N = 1, Mux = Mux.None, Demux = Demux.None, Seed = 5)]
[Transformer(Layers = 2, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, Dropout = 0.1)]
[SequenceClassification(Classes = 2)]
public partial class PlainClassifier { }

// Sequences of 2 + 1 + 70 positions: past MKL attention's 64-position threshold.
[Multiplexed(N = 2, Mux = GaussianHadamard, Demux = IndexEmbedding, InputShortcut = true, Seed = 5)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 70, Vocabulary = 20, Dropout = 0.1)]
[TokenClassification(Labels = 3)]
public partial class LongTagger { }

// MUX-PLMs' contextual mux (attends within every input with its own padding) with the index demux over tokens.
[Multiplexed(N = 3, Mux = Contextual, Demux = IndexEmbedding, Seed = 5)]
[Transformer(Layers = 2, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, Dropout = 0.1)]
[TokenClassification(Labels = 3)]
public partial class ContextualIndexTagger { }

// MUX-PLMs' learned keys (no index prefix) on a sequence task.
[Multiplexed(N = 3, Mux = GaussianHadamard, Demux = LearnedKeys, Seed = 5)]
[Transformer(Layers = 2, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, Dropout = 0.1)]
[SequenceClassification(Classes = 3)]
public partial class LearnedKeysClassifier { }

// A user's own backbone: the engine runs it as it is and the element-wise mux's fused pass around it.
[Multiplexed(N = 2, Mux = GaussianHadamard, Demux = IndexEmbedding, Seed = 5)]
[Backbone(typeof(PositionwiseBackbone), Hidden = 32, MaxLength = 8, Vocabulary = 20, Dropout = 0.1)]
[TokenClassification(Labels = 3)]
public partial class UserBackboneTagger { }

#pragma warning restore DMX0025
