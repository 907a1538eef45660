using DataMux;

namespace Throughput.Models;

// The paper preset: 12 layers, hidden 768, 12 heads, FFN 3072, 128 tokens, the peer's vocabulary (50265).
// One class per configuration: the generator needs the values as attribute constants.
// The N = 1 baseline with the Identity mux is a plain model: index demux at N = 1 adds ε₀ and CLS in front of the
// 128 tokens, 130 positions like the peer's CLS + 128 + SEP, and its demux is one small MLP per input.

// Sequence classification (3 classes, like the peer).

[Multiplexed(N = 1, Mux = Mux.Identity, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperPlain { }

[Multiplexed(N = 1, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperHadamard1 { }

[Multiplexed(N = 2, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperHadamard2 { }

[Multiplexed(N = 5, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperHadamard5 { }

[Multiplexed(N = 10, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperHadamard10 { }

[Multiplexed(N = 20, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperHadamard20 { }

[Multiplexed(N = 40, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperHadamard40 { }

[Multiplexed(N = 1, Mux = Mux.Orthogonal, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperOrthogonal1 { }

[Multiplexed(N = 2, Mux = Mux.Orthogonal, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperOrthogonal2 { }

[Multiplexed(N = 5, Mux = Mux.Orthogonal, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperOrthogonal5 { }

[Multiplexed(N = 10, Mux = Mux.Orthogonal, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperOrthogonal10 { }

[Multiplexed(N = 20, Mux = Mux.Orthogonal, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperOrthogonal20 { }

[Multiplexed(N = 40, Mux = Mux.Orthogonal, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperOrthogonal40 { }

// Token classification (9 labels, like CoNLL NER).

[Multiplexed(N = 1, Mux = Mux.Identity, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class PaperTokenPlain { }

[Multiplexed(N = 1, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class PaperTokenHadamard1 { }

[Multiplexed(N = 2, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class PaperTokenHadamard2 { }

[Multiplexed(N = 5, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class PaperTokenHadamard5 { }

[Multiplexed(N = 10, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class PaperTokenHadamard10 { }

[Multiplexed(N = 20, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class PaperTokenHadamard20 { }

[Multiplexed(N = 40, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class PaperTokenHadamard40 { }

// MUX-PLMs' parts, timed only when --muxes names them: LearnedKeys is the Gaussian Hadamard mux with the learned-keys
// demux (a CLS prefix of 1 instead of N + 1), Contextual the contextual mux with the index demux.

[Multiplexed(N = 1, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperLearnedKeys1 { }

[Multiplexed(N = 2, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperLearnedKeys2 { }

[Multiplexed(N = 5, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperLearnedKeys5 { }

[Multiplexed(N = 10, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperLearnedKeys10 { }

[Multiplexed(N = 20, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperLearnedKeys20 { }

[Multiplexed(N = 40, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperLearnedKeys40 { }

[Multiplexed(N = 1, Mux = Mux.Contextual, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperContextual1 { }

[Multiplexed(N = 2, Mux = Mux.Contextual, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperContextual2 { }

[Multiplexed(N = 5, Mux = Mux.Contextual, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperContextual5 { }

[Multiplexed(N = 10, Mux = Mux.Contextual, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperContextual10 { }

[Multiplexed(N = 20, Mux = Mux.Contextual, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperContextual20 { }

[Multiplexed(N = 40, Mux = Mux.Contextual, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 12, Hidden = 768, Heads = 12, FeedForward = 3072, MaxLength = 128, Vocabulary = 50265, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class PaperContextual40 { }
