using static DataMux.Demux;
using static DataMux.Mux;

namespace DataMux.Examples.QuickStart;

// The same 2-layer, hidden-128 sentiment classifier at several multiplexing widths. The source generator
// writes each class's TorchSharp module; only N differs. Without the paper's retrieval warm-up (not built here; see
// this example's README) N >= 5 trains poorly from scratch and stays near chance on this small data set.

/// <summary>The baseline: one input per backbone pass.</summary>
[Multiplexed(N = 1, Mux = Orthogonal, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentModelN1 { }

/// <summary>Two inputs share every backbone pass.</summary>
[Multiplexed(N = 2, Mux = Orthogonal, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentModelN2 { }

/// <summary>Five inputs per backbone pass (near chance without retrieval warm-up).</summary>
[Multiplexed(N = 5, Mux = Orthogonal, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentModelN5 { }

/// <summary>Ten inputs per backbone pass (near chance without retrieval warm-up).</summary>
[Multiplexed(N = 10, Mux = Orthogonal, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentModelN10 { }

/// <summary>Twenty inputs per backbone pass (near chance without retrieval warm-up).</summary>
[Multiplexed(N = 20, Mux = Orthogonal, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentModelN20 { }
