using DataMux;

namespace FashionMnistExample;

// One class per backbone and N: the attributes are compile-time constants. The MLP is the PyTorch peer's backbone (784
// -> 256, Gaussian Hadamard, two GELU layers); its vectors have norm 64 (elements of standard deviation 4 over the 256
// features) instead of 1, which leaves the projections' mix at the scale the GELU layers work in, and it demultiplexes
// with MUX-PLMs' learned keys, where the peer has one Linear + tanh per index (chosen on the validation split; the
// measurements are in docs/RESULTS.md). The CNN has two 3x3 convolution blocks of 32 filters, the mix being the DataMUX
// vision code's per-index random kernels (the [Cnn] default), mixing the images. The CNN-Hadamard model runs the first
// convolution block on every image and mixes its feature maps (32 x 14 x 14 values) by Gaussian Hadamard, MuxNorm 317
// giving elements of standard deviation 4 as the MLP's 64 do over 256 features; its Hidden is the MLP's 256.
// DMX0026 (per-input parameters above the shared ones) fires at N = 16 for the CNNs: their per-index demux is the
// reference method's, and its cost is what this example measures.
#pragma warning disable DMX0026

[Multiplexed(N = 1, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys, MuxNorm = 64)]
[Mlp(Inputs = 784, Hidden = 256, Layers = 2)]
[ImageClassification(Classes = 10)]
internal partial class MlpN1 { }

[Multiplexed(N = 2, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys, MuxNorm = 64)]
[Mlp(Inputs = 784, Hidden = 256, Layers = 2)]
[ImageClassification(Classes = 10)]
internal partial class MlpN2 { }

[Multiplexed(N = 4, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys, MuxNorm = 64)]
[Mlp(Inputs = 784, Hidden = 256, Layers = 2)]
[ImageClassification(Classes = 10)]
internal partial class MlpN4 { }

[Multiplexed(N = 8, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys, MuxNorm = 64)]
[Mlp(Inputs = 784, Hidden = 256, Layers = 2)]
[ImageClassification(Classes = 10)]
internal partial class MlpN8 { }

[Multiplexed(N = 16, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys, MuxNorm = 64)]
[Mlp(Inputs = 784, Hidden = 256, Layers = 2)]
[ImageClassification(Classes = 10)]
internal partial class MlpN16 { }

[Multiplexed(N = 1)]
[Cnn(Channels = 1, Height = 28, Width = 28, Layers = 2, Filters = 32)]
[ImageClassification(Classes = 10)]
internal partial class CnnN1 { }

[Multiplexed(N = 2)]
[Cnn(Channels = 1, Height = 28, Width = 28, Layers = 2, Filters = 32)]
[ImageClassification(Classes = 10)]
internal partial class CnnN2 { }

[Multiplexed(N = 4)]
[Cnn(Channels = 1, Height = 28, Width = 28, Layers = 2, Filters = 32)]
[ImageClassification(Classes = 10)]
internal partial class CnnN4 { }

[Multiplexed(N = 8)]
[Cnn(Channels = 1, Height = 28, Width = 28, Layers = 2, Filters = 32)]
[ImageClassification(Classes = 10)]
internal partial class CnnN8 { }

[Multiplexed(N = 16)]
[Cnn(Channels = 1, Height = 28, Width = 28, Layers = 2, Filters = 32)]
[ImageClassification(Classes = 10)]
internal partial class CnnN16 { }

[Multiplexed(N = 1, Mux = Mux.GaussianHadamard, Demux = Demux.Mlp, MuxNorm = 317)]
[Cnn(Channels = 1, Height = 28, Width = 28, Layers = 2, Filters = 32, Hidden = 256)]
[ImageClassification(Classes = 10)]
internal partial class CnnHadamardN1 { }

[Multiplexed(N = 2, Mux = Mux.GaussianHadamard, Demux = Demux.Mlp, MuxNorm = 317)]
[Cnn(Channels = 1, Height = 28, Width = 28, Layers = 2, Filters = 32, Hidden = 256)]
[ImageClassification(Classes = 10)]
internal partial class CnnHadamardN2 { }

[Multiplexed(N = 4, Mux = Mux.GaussianHadamard, Demux = Demux.Mlp, MuxNorm = 317)]
[Cnn(Channels = 1, Height = 28, Width = 28, Layers = 2, Filters = 32, Hidden = 256)]
[ImageClassification(Classes = 10)]
internal partial class CnnHadamardN4 { }

[Multiplexed(N = 8, Mux = Mux.GaussianHadamard, Demux = Demux.Mlp, MuxNorm = 317)]
[Cnn(Channels = 1, Height = 28, Width = 28, Layers = 2, Filters = 32, Hidden = 256)]
[ImageClassification(Classes = 10)]
internal partial class CnnHadamardN8 { }

[Multiplexed(N = 16, Mux = Mux.GaussianHadamard, Demux = Demux.Mlp, MuxNorm = 317)]
[Cnn(Channels = 1, Height = 28, Width = 28, Layers = 2, Filters = 32, Hidden = 256)]
[ImageClassification(Classes = 10)]
internal partial class CnnHadamardN16 { }

/// <summary>The models above by backbone and N.</summary>
internal static class Models
{
    /// <summary>The widths there is a model for.</summary>
    public static readonly int[] Widths = [1, 2, 4, 8, 16];

    /// <summary>Runs <paramref name="job"/> on a new model of <paramref name="backbone"/> ("mlp", "cnn" or "cnn-hadamard") at <paramref name="n"/>.</summary>
    public static TResult Run<TResult>(string backbone, int n, IModelJob<TResult> job) => (backbone, n) switch
    {
        ("mlp", 1) => Dispose(new MlpN1(), job),
        ("mlp", 2) => Dispose(new MlpN2(), job),
        ("mlp", 4) => Dispose(new MlpN4(), job),
        ("mlp", 8) => Dispose(new MlpN8(), job),
        ("mlp", 16) => Dispose(new MlpN16(), job),
        ("cnn", 1) => Dispose(new CnnN1(), job),
        ("cnn", 2) => Dispose(new CnnN2(), job),
        ("cnn", 4) => Dispose(new CnnN4(), job),
        ("cnn", 8) => Dispose(new CnnN8(), job),
        ("cnn", 16) => Dispose(new CnnN16(), job),
        ("cnn-hadamard", 1) => Dispose(new CnnHadamardN1(), job),
        ("cnn-hadamard", 2) => Dispose(new CnnHadamardN2(), job),
        ("cnn-hadamard", 4) => Dispose(new CnnHadamardN4(), job),
        ("cnn-hadamard", 8) => Dispose(new CnnHadamardN8(), job),
        ("cnn-hadamard", 16) => Dispose(new CnnHadamardN16(), job),
        _ => throw new System.ArgumentOutOfRangeException(nameof(n), n, $"No {backbone} model for N = {n}; there are models for N in {{{string.Join(", ", Widths)}}}."),
    };

    private static TResult Dispose<TModel, TResult>(TModel model, IModelJob<TResult> job)
        where TModel : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>, DataMux.Images.IMultiplexedImageModel
    {
        using (model) return job.Run(model);
    }
}

/// <summary>Work on a generated image model, whatever its class (the trainer's methods are generic over it).</summary>
internal interface IModelJob<out TResult>
{
    TResult Run<TModel>(TModel model)
        where TModel : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>, DataMux.Images.IMultiplexedImageModel;
}
