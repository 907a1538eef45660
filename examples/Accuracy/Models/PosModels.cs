using DataMux;
using static DataMux.Demux;
using static DataMux.Mux;

namespace Accuracy.Models;

// Brown part-of-speech tagging: 12 coarse tags per word. The accuracy peer's backbone (2 layers, d = 128, 4 heads, FFN 512, 32 tokens); only the
// multiplexing differs. One class per configuration: the generator reads constant attribute values.

/// <summary>B1: the plain Transformer of the same backbone, one input per pass.</summary>
[Multiplexed(N = 1, Mux = Mux.None, Demux = Demux.None)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosPlain { }

/// <summary>Reference: GaussianHadamard, N = 1.</summary>
[Multiplexed(N = 1, Mux = GaussianHadamard, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceHadamard1 { }

/// <summary>Reference: GaussianHadamard, N = 2.</summary>
[Multiplexed(N = 2, Mux = GaussianHadamard, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceHadamard2 { }

/// <summary>Reference: GaussianHadamard, N = 5.</summary>
[Multiplexed(N = 5, Mux = GaussianHadamard, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceHadamard5 { }

/// <summary>Reference: GaussianHadamard, N = 10.</summary>
[Multiplexed(N = 10, Mux = GaussianHadamard, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceHadamard10 { }

/// <summary>Reference: GaussianHadamard, N = 20.</summary>
[Multiplexed(N = 20, Mux = GaussianHadamard, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceHadamard20 { }

/// <summary>Reference: GaussianHadamard, N = 40.</summary>
[Multiplexed(N = 40, Mux = GaussianHadamard, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceHadamard40 { }

/// <summary>Reference: Orthogonal, N = 1.</summary>
[Multiplexed(N = 1, Mux = Orthogonal, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceOrthogonal1 { }

/// <summary>Reference: Orthogonal, N = 2.</summary>
[Multiplexed(N = 2, Mux = Orthogonal, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceOrthogonal2 { }

/// <summary>Reference: Orthogonal, N = 5.</summary>
[Multiplexed(N = 5, Mux = Orthogonal, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceOrthogonal5 { }

/// <summary>Reference: Orthogonal, N = 10.</summary>
[Multiplexed(N = 10, Mux = Orthogonal, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceOrthogonal10 { }

/// <summary>Reference: Orthogonal, N = 20.</summary>
[Multiplexed(N = 20, Mux = Orthogonal, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceOrthogonal20 { }

#pragma warning disable DMX0026 // the orthogonal mux at the widest N is measured on purpose
/// <summary>Reference: Orthogonal, N = 40.</summary>
[Multiplexed(N = 40, Mux = Orthogonal, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceOrthogonal40 { }
#pragma warning restore DMX0026

/// <summary>Shortcut: GaussianHadamard, N = 1.</summary>
[Multiplexed(N = 1, Mux = GaussianHadamard, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosShortcutHadamard1 { }

/// <summary>Shortcut: GaussianHadamard, N = 2.</summary>
[Multiplexed(N = 2, Mux = GaussianHadamard, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosShortcutHadamard2 { }

/// <summary>Shortcut: GaussianHadamard, N = 5.</summary>
[Multiplexed(N = 5, Mux = GaussianHadamard, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosShortcutHadamard5 { }

/// <summary>Shortcut: GaussianHadamard, N = 10.</summary>
[Multiplexed(N = 10, Mux = GaussianHadamard, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosShortcutHadamard10 { }

/// <summary>Shortcut: GaussianHadamard, N = 20.</summary>
[Multiplexed(N = 20, Mux = GaussianHadamard, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosShortcutHadamard20 { }

/// <summary>Shortcut: GaussianHadamard, N = 40.</summary>
[Multiplexed(N = 40, Mux = GaussianHadamard, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosShortcutHadamard40 { }

/// <summary>Shortcut: Orthogonal, N = 1.</summary>
[Multiplexed(N = 1, Mux = Orthogonal, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosShortcutOrthogonal1 { }

/// <summary>Shortcut: Orthogonal, N = 2.</summary>
[Multiplexed(N = 2, Mux = Orthogonal, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosShortcutOrthogonal2 { }

/// <summary>Shortcut: Orthogonal, N = 5.</summary>
[Multiplexed(N = 5, Mux = Orthogonal, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosShortcutOrthogonal5 { }

/// <summary>Shortcut: Orthogonal, N = 10.</summary>
[Multiplexed(N = 10, Mux = Orthogonal, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosShortcutOrthogonal10 { }

/// <summary>Shortcut: Orthogonal, N = 20.</summary>
[Multiplexed(N = 20, Mux = Orthogonal, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosShortcutOrthogonal20 { }

#pragma warning disable DMX0026 // the orthogonal mux at the widest N is measured on purpose
/// <summary>Shortcut: Orthogonal, N = 40.</summary>
[Multiplexed(N = 40, Mux = Orthogonal, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosShortcutOrthogonal40 { }
#pragma warning restore DMX0026

// MUX-PLMs (princeton-nlp/datamux-pretraining) against the reference method of the same backbone: the learned-keys demux
// (index_pos) with the Gaussian Hadamard mux, and the contextual mux (gaussian_attention_v2) with the index demux.

/// <summary>MUX-PLMs' learned keys: GaussianHadamard, Demux.LearnedKeys, N = 2.</summary>
[Multiplexed(N = 2, Mux = GaussianHadamard, Demux = LearnedKeys)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosLearnedKeysHadamard2 { }

/// <summary>MUX-PLMs' learned keys: GaussianHadamard, Demux.LearnedKeys, N = 5.</summary>
[Multiplexed(N = 5, Mux = GaussianHadamard, Demux = LearnedKeys)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosLearnedKeysHadamard5 { }

/// <summary>MUX-PLMs' contextual mux: Mux.Contextual, IndexEmbedding, N = 2.</summary>
[Multiplexed(N = 2, Mux = Contextual, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceContextual2 { }

/// <summary>MUX-PLMs' contextual mux: Mux.Contextual, IndexEmbedding, N = 5.</summary>
[Multiplexed(N = 5, Mux = Contextual, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceContextual5 { }

/// <summary>MUX-PLMs' contextual mux: Mux.Contextual, IndexEmbedding, N = 10.</summary>
[Multiplexed(N = 10, Mux = Contextual, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceContextual10 { }

/// <summary>MUX-PLMs' contextual mux: Mux.Contextual, IndexEmbedding, N = 20.</summary>
[Multiplexed(N = 20, Mux = Contextual, Demux = IndexEmbedding)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosReferenceContextual20 { }

// The reference variant with a context layer before the mix (ContextWindow = 3: every word and one neighbour on each side
// of its own sentence). No input shortcut: without it the demux has to learn to read each input out of the mix, and then
// reads that input's context too (with the shortcut it settled on each word alone at N = 10).

/// <summary>Context: GaussianHadamard, IndexEmbedding, ContextWindow = 3, N = 2.</summary>
[Multiplexed(N = 2, Mux = GaussianHadamard, Demux = IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosContextHadamard2 { }

/// <summary>Context: GaussianHadamard, IndexEmbedding, ContextWindow = 3, N = 5.</summary>
[Multiplexed(N = 5, Mux = GaussianHadamard, Demux = IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosContextHadamard5 { }

/// <summary>Context: GaussianHadamard, IndexEmbedding, ContextWindow = 3, N = 10.</summary>
[Multiplexed(N = 10, Mux = GaussianHadamard, Demux = IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosContextHadamard10 { }

/// <summary>Context: GaussianHadamard, IndexEmbedding, ContextWindow = 3, N = 20.</summary>
[Multiplexed(N = 20, Mux = GaussianHadamard, Demux = IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosContextHadamard20 { }

/// <summary>Context: GaussianHadamard, IndexEmbedding, ContextWindow = 3, N = 40.</summary>
[Multiplexed(N = 40, Mux = GaussianHadamard, Demux = IndexEmbedding, ContextWindow = 3)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
[TokenClassification(Labels = 12)]
public partial class PosContextHadamard40 { }
