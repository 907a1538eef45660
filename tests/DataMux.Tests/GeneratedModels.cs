using DataMux;
using static DataMux.Demux;
using static DataMux.Mux;

namespace DataMux.Tests;

// The models these tests run, generated like a user's (the generator is this project's analyzer): the runtime is
// tested through the code the product emits, not through a hand-written copy of it. One hidden layer of 32, 4 heads.

// Orthogonal mux, IndexEmbedding demux, sequence task, two seeds: saved weights load into the other seed's model.
[Multiplexed(N = 3, Mux = Orthogonal, Demux = IndexEmbedding, Seed = 1)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, PaddingToken = 0, Dropout = 0.0)]
[SequenceClassification(Classes = 3)]
public partial class OrthogonalIndexSentenceSeed1 { }

[Multiplexed(N = 3, Mux = Orthogonal, Demux = IndexEmbedding, Seed = 2)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, PaddingToken = 0, Dropout = 0.0)]
[SequenceClassification(Classes = 3)]
public partial class OrthogonalIndexSentenceSeed2 { }

// GaussianHadamard mux, Mlp demux, token task, two seeds: saved weights load into the other seed's model.
[Multiplexed(N = 3, Mux = GaussianHadamard, Demux = Mlp, Seed = 1)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, PaddingToken = 0, Dropout = 0.0)]
[TokenClassification(Labels = 3)]
public partial class GaussianHadamardMlpTokenSeed1 { }

[Multiplexed(N = 3, Mux = GaussianHadamard, Demux = Mlp, Seed = 2)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, PaddingToken = 0, Dropout = 0.0)]
[TokenClassification(Labels = 3)]
public partial class GaussianHadamardMlpTokenSeed2 { }

// Learned mux, IndexEmbedding demux, token task, two seeds: saved weights load into the other seed's model.
[Multiplexed(N = 3, Mux = Learned, Demux = IndexEmbedding, Seed = 1)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, PaddingToken = 0, Dropout = 0.0)]
[TokenClassification(Labels = 3)]
public partial class LearnedIndexTokenSeed1 { }

[Multiplexed(N = 3, Mux = Learned, Demux = IndexEmbedding, Seed = 2)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, PaddingToken = 0, Dropout = 0.0)]
[TokenClassification(Labels = 3)]
public partial class LearnedIndexTokenSeed2 { }

// BinaryHadamard mux, Mlp demux, sequence task, two seeds: saved weights load into the other seed's model.
[Multiplexed(N = 3, Mux = BinaryHadamard, Demux = Mlp, Seed = 1)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, PaddingToken = 0, Dropout = 0.0)]
[SequenceClassification(Classes = 3)]
public partial class BinaryHadamardMlpSentenceSeed1 { }

[Multiplexed(N = 3, Mux = BinaryHadamard, Demux = Mlp, Seed = 2)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, PaddingToken = 0, Dropout = 0.0)]
[SequenceClassification(Classes = 3)]
public partial class BinaryHadamardMlpSentenceSeed2 { }

// Shapes, validation, determinism.
[Multiplexed(N = 4, Mux = Orthogonal, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, PaddingToken = 0, Dropout = 0.0)]
[SequenceClassification(Classes = 3)]
public partial class FourWaySentenceModel { }

[Multiplexed(N = 4, Mux = Orthogonal, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, PaddingToken = 0, Dropout = 0.0)]
[TokenClassification(Labels = 5)]
public partial class FourWayTokenModel { }

// Grouping: 37 rows in four groups of ten.
[Multiplexed(N = 10, Mux = GaussianHadamard, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 6, Vocabulary = 20, PaddingToken = 0, Dropout = 0.0)]
[SequenceClassification(Classes = 2)]
public partial class TenWayHadamardModel { }

#pragma warning disable DMX0026 // a test model: ten inputs on a tiny backbone
[Multiplexed(N = 10, Mux = Orthogonal, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, PaddingToken = 0, Dropout = 0.0)]
[SequenceClassification(Classes = 2)]
public partial class TenWayModel { }
#pragma warning restore DMX0026

// Batched inference runs in evaluation mode: dropout must not show.
[Multiplexed(N = 4, Mux = Orthogonal, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, PaddingToken = 0, Dropout = 0.3)]
[SequenceClassification(Classes = 2)]
public partial class FourWayDropoutModel { }

[Multiplexed(N = 3, Mux = Orthogonal, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 8, Vocabulary = 20, PaddingToken = 0, Dropout = 0.0)]
[SequenceClassification(Classes = 2)]
public partial class ThreeWayModel { }

// Training (MultiplexedTrainerTests): 6 tokens from a 12-id vocabulary.
[Multiplexed(N = 2, Mux = Orthogonal, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 6, Vocabulary = 12, PaddingToken = 0, Dropout = 0.0)]
[SequenceClassification(Classes = 2)]
public partial class TwoWayModel { }

#pragma warning disable DMX0025 // a test model of the identity mux itself
[Multiplexed(N = 2, Mux = Identity, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 6, Vocabulary = 12, PaddingToken = 0, Dropout = 0.0)]
[SequenceClassification(Classes = 2)]
public partial class TwoWayIdentityModel { }
#pragma warning restore DMX0025

[Multiplexed(N = 2, Mux = Orthogonal, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 6, Vocabulary = 12, PaddingToken = 0, Dropout = 0.1)]
[SequenceClassification(Classes = 2)]
public partial class TwoWayDropoutModel { }

[Multiplexed(N = 2, Mux = GaussianHadamard, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 6, Vocabulary = 12, PaddingToken = 0, Dropout = 0.0)]
[TokenClassification(Labels = 2)]
public partial class TwoWayHadamardTokenModel { }

[Multiplexed(N = 2, Mux = Orthogonal, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 6, Vocabulary = 12, PaddingToken = 0, Dropout = 0.0)]
[TokenClassification(Labels = 2)]
public partial class TwoWayTokenModel { }

[Multiplexed(N = 4, Mux = Orthogonal, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 6, Vocabulary = 12, PaddingToken = 0, Dropout = 0.0)]
[SequenceClassification(Classes = 2)]
public partial class FourWayTrainingModel { }

// The input shortcut (InputShortcutTests): a token and a sentence model.
[Multiplexed(N = 2, Mux = GaussianHadamard, Demux = IndexEmbedding, Seed = 7, InputShortcut = true)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 6, Vocabulary = 12, PaddingToken = 0, Dropout = 0.0)]
[TokenClassification(Labels = 2)]
public partial class TwoWayShortcutTokenModel { }

[Multiplexed(N = 4, Mux = GaussianHadamard, Demux = IndexEmbedding, Seed = 7, InputShortcut = true)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 6, Vocabulary = 12, PaddingToken = 0, Dropout = 0.0)]
[SequenceClassification(Classes = 2)]
public partial class FourWayShortcutModel { }

// Shares TwoWayHadamardTokenModel's backbone (CheckpointTests: a warm-up serves both tasks).
[Multiplexed(N = 2, Mux = GaussianHadamard, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 6, Vocabulary = 12, PaddingToken = 0, Dropout = 0.0)]
[SequenceClassification(Classes = 3)]
public partial class TwoWayHadamardSentenceModel { }

// The plain model of TwoWayHadamardTokenModel's backbone (PlainStartTests).
[Multiplexed(N = 1, Mux = Mux.None, Demux = Demux.None, Seed = 3)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 6, Vocabulary = 12, PaddingToken = 0, Dropout = 0.0)]
[TokenClassification(Labels = 2)]
public partial class PlainTokenModel { }

// The context layer before the mix (LocalContextTests): the same token model with and without it.
[Multiplexed(N = 4, Mux = GaussianHadamard, Demux = IndexEmbedding, Seed = 7, InputShortcut = true, ContextWindow = 3)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 6, Vocabulary = 12, PaddingToken = 0, Dropout = 0.0)]
[TokenClassification(Labels = 2)]
public partial class FourWayContextTokenModel { }

[Multiplexed(N = 4, Mux = GaussianHadamard, Demux = IndexEmbedding, Seed = 7, InputShortcut = true)]
[Transformer(Layers = 1, Hidden = 32, Heads = 4, FeedForward = 64, MaxLength = 6, Vocabulary = 12, PaddingToken = 0, Dropout = 0.0)]
[TokenClassification(Labels = 2)]
public partial class FourWayShortcutTokenModel { }
