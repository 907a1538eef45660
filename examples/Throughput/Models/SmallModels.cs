using DataMux;

namespace Throughput.Models;

// A quick-look preset: 4 layers, hidden 256, 4 heads, FFN 1024, 128 tokens.
// One class per configuration: the generator needs the values as attribute constants.
// The N = 1 baseline with the Identity mux is a plain model: index demux at N = 1 adds ε₀ and CLS in front of the
// 128 tokens, 130 positions like the peer's CLS + 128 + SEP, and its demux is one small MLP per input.

// Sequence classification (3 classes, like the peer).

[Multiplexed(N = 1, Mux = Mux.Identity, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallPlain { }

[Multiplexed(N = 1, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallHadamard1 { }

[Multiplexed(N = 2, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallHadamard2 { }

[Multiplexed(N = 5, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallHadamard5 { }

[Multiplexed(N = 10, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallHadamard10 { }

[Multiplexed(N = 20, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallHadamard20 { }

[Multiplexed(N = 40, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallHadamard40 { }

[Multiplexed(N = 1, Mux = Mux.Orthogonal, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallOrthogonal1 { }

[Multiplexed(N = 2, Mux = Mux.Orthogonal, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallOrthogonal2 { }

[Multiplexed(N = 5, Mux = Mux.Orthogonal, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallOrthogonal5 { }

[Multiplexed(N = 10, Mux = Mux.Orthogonal, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallOrthogonal10 { }

[Multiplexed(N = 20, Mux = Mux.Orthogonal, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallOrthogonal20 { }

[Multiplexed(N = 40, Mux = Mux.Orthogonal, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallOrthogonal40 { }

// Token classification (9 labels, like CoNLL NER).

[Multiplexed(N = 1, Mux = Mux.Identity, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class SmallTokenPlain { }

[Multiplexed(N = 1, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class SmallTokenHadamard1 { }

[Multiplexed(N = 2, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class SmallTokenHadamard2 { }

[Multiplexed(N = 5, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class SmallTokenHadamard5 { }

[Multiplexed(N = 10, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class SmallTokenHadamard10 { }

[Multiplexed(N = 20, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class SmallTokenHadamard20 { }

[Multiplexed(N = 40, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class SmallTokenHadamard40 { }

// MUX-PLMs' parts, timed only when --muxes names them: LearnedKeys is the Gaussian Hadamard mux with the learned-keys
// demux (a CLS prefix of 1 instead of N + 1), Contextual the contextual mux with the index demux.

[Multiplexed(N = 1, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallLearnedKeys1 { }

[Multiplexed(N = 2, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallLearnedKeys2 { }

[Multiplexed(N = 5, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallLearnedKeys5 { }

[Multiplexed(N = 10, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallLearnedKeys10 { }

[Multiplexed(N = 20, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallLearnedKeys20 { }

[Multiplexed(N = 40, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallLearnedKeys40 { }

[Multiplexed(N = 1, Mux = Mux.Contextual, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallContextual1 { }

[Multiplexed(N = 2, Mux = Mux.Contextual, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallContextual2 { }

[Multiplexed(N = 5, Mux = Mux.Contextual, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallContextual5 { }

[Multiplexed(N = 10, Mux = Mux.Contextual, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallContextual10 { }

[Multiplexed(N = 20, Mux = Mux.Contextual, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallContextual20 { }

[Multiplexed(N = 40, Mux = Mux.Contextual, Demux = Demux.IndexEmbedding)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallContextual40 { }

// GaussianHadamard with a 3-position context layer before the mix (ContextWindow = 3), sequence and token task.

[Multiplexed(N = 1, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallContextWindow1 { }

[Multiplexed(N = 2, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallContextWindow2 { }

[Multiplexed(N = 5, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallContextWindow5 { }

[Multiplexed(N = 10, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallContextWindow10 { }

[Multiplexed(N = 20, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallContextWindow20 { }

[Multiplexed(N = 40, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[SequenceClassification(Classes = 3)]
public partial class SmallContextWindow40 { }

[Multiplexed(N = 1, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class SmallTokenContextWindow1 { }

[Multiplexed(N = 2, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class SmallTokenContextWindow2 { }

[Multiplexed(N = 5, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class SmallTokenContextWindow5 { }

[Multiplexed(N = 10, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class SmallTokenContextWindow10 { }

[Multiplexed(N = 20, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class SmallTokenContextWindow20 { }

[Multiplexed(N = 40, Mux = Mux.GaussianHadamard, Demux = Demux.IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 4, Hidden = 256, Heads = 4, FeedForward = 1024, MaxLength = 128, Vocabulary = 30522, PaddingToken = 1)]
[TokenClassification(Labels = 9)]
public partial class SmallTokenContextWindow40 { }
