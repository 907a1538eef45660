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

// MUX-PLMs' parts on FirstTokenModel's task (TrainingTests): the learned-keys demux, the contextual mux, and a user's backbone.
[Multiplexed(N = 4, Mux = GaussianHadamard, Demux = LearnedKeys, Seed = 7)]
[Transformer(Layers = 2, Hidden = 64, Heads = 4, MaxLength = 8, Vocabulary = 32, Dropout = 0.0)]
[SequenceClassification(Classes = 2)]
public partial class LearnedKeysFirstTokenModel { }

[Multiplexed(N = 4, Mux = Contextual, Demux = IndexEmbedding, Seed = 7)]
[Transformer(Layers = 2, Hidden = 64, Heads = 4, MaxLength = 8, Vocabulary = 32, Dropout = 0.0)]
[SequenceClassification(Classes = 2)]
public partial class ContextualFirstTokenModel { }

[Multiplexed(N = 4, Mux = Orthogonal, Demux = IndexEmbedding, Seed = 7)]
[Backbone(typeof(MixerEncoder), Hidden = 64, MaxLength = 8, Vocabulary = 32, Dropout = 0.0)]
[SequenceClassification(Classes = 2)]
public partial class MixerFirstTokenModel { }

// A tagger on a user's backbone with learned keys, to check the token path and the retrieval warm-up through its keys.
[Multiplexed(N = 2, Mux = GaussianHadamard, Demux = LearnedKeys, Seed = 5)]
[Backbone(typeof(MixerEncoder), Hidden = 32, MaxLength = 6, Vocabulary = 20)]
[TokenClassification(Labels = 3)]
public partial class MixerKeysTagger { }

[Multiplexed(N = 2)]
[Backbone(typeof(ShorteningEncoder), Hidden = 16, MaxLength = 6, Vocabulary = 20)]
[SequenceClassification(Classes = 2)]
public partial class ShorteningModel { }

