using DataMux;

namespace DataMux.EndToEnd.Tests;

// Image models on the synthetic image task (SyntheticImages): 4 classes, N = 4. Their backbones are small next to the
// per-index demux (DMX0026), on purpose: the tests are about the generated code, not the parameter budget.
#pragma warning disable DMX0026
[Multiplexed(N = 4, Mux = Mux.GaussianHadamard, Demux = Demux.Mlp, Seed = 5)]
[Mlp(Inputs = 64, Hidden = 64, Layers = 2)]
[ImageClassification(Classes = 4)]
public partial class SyntheticMlp { }

// MUX-PLMs' learned keys as the image demux.
[Multiplexed(N = 4, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys, Seed = 5)]
[Mlp(Inputs = 64, Hidden = 64, Layers = 2)]
[ImageClassification(Classes = 4)]
public partial class SyntheticKeyedMlp { }

[Multiplexed(N = 4, Seed = 5)]
[Cnn(Channels = 1, Height = 8, Width = 8, Layers = 2, Filters = 16, Hidden = 64)]
[ImageClassification(Classes = 4)]
public partial class SyntheticCnn { }

// The Gaussian Hadamard mix of the first block's feature maps (16 x 4 x 4 values; elements of standard deviation 4).
[Multiplexed(N = 4, Mux = Mux.GaussianHadamard, Demux = Demux.Mlp, MuxNorm = 64, Seed = 5)]
[Cnn(Channels = 1, Height = 8, Width = 8, Layers = 2, Filters = 16, Hidden = 64)]
[ImageClassification(Classes = 4)]
public partial class SyntheticHadamardCnn { }

// The plain CNN: N = 1, no mix, no demux.
[Multiplexed(N = 1, Mux = Mux.None, Demux = Demux.None, Seed = 5)]
[Cnn(Channels = 1, Height = 8, Width = 8, Layers = 2, Filters = 16, Hidden = 64)]
[ImageClassification(Classes = 4)]
public partial class PlainCnn { }

// An odd N, so that most batches need filler rows.
[Multiplexed(N = 3, Mux = Mux.GaussianHadamard, Seed = 2)]
[Cnn(Channels = 2, Height = 6, Width = 10, Layers = 1, Filters = 4, Hidden = 16)]
[ImageClassification(Classes = 3)]
public partial class ThreeWayCnn { }
