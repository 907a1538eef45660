using DataMux;
using static DataMux.Demux;
using static DataMux.Mux;

namespace DataMux.EndToEnd.Tests;

[Multiplexed(N = 4, Mux = Orthogonal, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 2, Hidden = 64, Heads = 4, MaxLength = 8, Vocabulary = 32, Dropout = 0.0)]
[SequenceClassification(Classes = 2)]
public partial class FirstTokenModel { }

[Multiplexed(N = 10, Mux = GaussianHadamard, Demux = IndexEmbedding)]
[Transformer(Layers = 1, Hidden = 32, Heads = 2, MaxLength = 6, Vocabulary = 50)]
[SequenceClassification(Classes = 3)]
public partial class TenWayModel { }

// Warm-up against none (TrainingTests): two taggers of one configuration, trained apart.
[Multiplexed(N = 4, Mux = GaussianHadamard, Demux = IndexEmbedding, Seed = 11)]
[Transformer(Layers = 2, Hidden = 64, Heads = 4, MaxLength = 8, Vocabulary = 32, Dropout = 0.0)]
[TokenClassification(Labels = 4)]
public partial class WarmableTagger { }
