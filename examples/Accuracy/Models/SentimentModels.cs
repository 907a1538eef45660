using DataMux;
using static DataMux.Demux;
using static DataMux.Mux;

namespace Accuracy.Models;

// UCI sentiment: negative or positive per sentence. The accuracy peer's backbone (2 layers, d = 128, 4 heads, FFN 512, 32 tokens); only the
// multiplexing differs. One class per configuration: the generator reads constant attribute values.

/// <summary>B1: the plain Transformer of the same backbone, one input per pass.</summary>
[Multiplexed(N = 1, Mux = Mux.None, Demux = Demux.None)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentPlain { }

/// <summary>GaussianHadamard, N = 1.</summary>
[Multiplexed(N = 1, Mux = GaussianHadamard, Demux = IndexEmbedding, Reembed = false)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentHadamard1 { }

/// <summary>GaussianHadamard, N = 2.</summary>
[Multiplexed(N = 2, Mux = GaussianHadamard, Demux = IndexEmbedding, Reembed = false)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentHadamard2 { }

/// <summary>GaussianHadamard, N = 5.</summary>
[Multiplexed(N = 5, Mux = GaussianHadamard, Demux = IndexEmbedding, Reembed = false)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentHadamard5 { }

/// <summary>GaussianHadamard, N = 10.</summary>
[Multiplexed(N = 10, Mux = GaussianHadamard, Demux = IndexEmbedding, Reembed = false)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentHadamard10 { }

/// <summary>GaussianHadamard, N = 20.</summary>
[Multiplexed(N = 20, Mux = GaussianHadamard, Demux = IndexEmbedding, Reembed = false)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentHadamard20 { }

/// <summary>GaussianHadamard, N = 40.</summary>
[Multiplexed(N = 40, Mux = GaussianHadamard, Demux = IndexEmbedding, Reembed = false)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentHadamard40 { }

/// <summary>Orthogonal, N = 1.</summary>
[Multiplexed(N = 1, Mux = Orthogonal, Demux = IndexEmbedding, Reembed = false)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentOrthogonal1 { }

/// <summary>Orthogonal, N = 2.</summary>
[Multiplexed(N = 2, Mux = Orthogonal, Demux = IndexEmbedding, Reembed = false)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentOrthogonal2 { }

/// <summary>Orthogonal, N = 5.</summary>
[Multiplexed(N = 5, Mux = Orthogonal, Demux = IndexEmbedding, Reembed = false)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentOrthogonal5 { }

/// <summary>Orthogonal, N = 10.</summary>
[Multiplexed(N = 10, Mux = Orthogonal, Demux = IndexEmbedding, Reembed = false)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentOrthogonal10 { }

/// <summary>Orthogonal, N = 20.</summary>
[Multiplexed(N = 20, Mux = Orthogonal, Demux = IndexEmbedding, Reembed = false)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentOrthogonal20 { }

/// <summary>Orthogonal, N = 40.</summary>
[Multiplexed(N = 40, Mux = Orthogonal, Demux = IndexEmbedding, Reembed = false)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentOrthogonal40 { }
