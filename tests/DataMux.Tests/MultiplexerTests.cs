using System;
using System.Linq;
using DataMux.Multiplexers;
using DataMux.Testing;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

public class MultiplexerTests
{
    private const int Hidden = 16;

    public static TheoryData<Mux, int> AllVariants()
    {
        var data = new TheoryData<Mux, int>();
        foreach (var mux in Enum.GetValues<Mux>())
            foreach (var n in new[] { 1, 2, 5 }) data.Add(mux, n);
        return data;
    }

    internal static Multiplexer Create(Mux mux, int n, int hidden = Hidden, int seed = 3) => mux switch
    {
        Mux.GaussianHadamard => new GaussianHadamardMultiplexer(n, hidden, seed),
        Mux.Orthogonal => new OrthogonalMultiplexer(n, hidden, seed),
        Mux.BinaryHadamard => new BinaryHadamardMultiplexer(n, hidden, seed),
        Mux.Identity => new IdentityMultiplexer(n, hidden, seed),
        _ => new LearnedMultiplexer(n, hidden, seed),
    };

    [Theory]
    [MemberData(nameof(AllVariants))]
    public void Mixes_groups_into_one_representation(Mux variant, int n)
    {
        using var mux = Create(variant, n);
        using var x = torch.randn(3 * n, 7, Hidden);
        using var y = mux.forward(x);
        Assert.Equal(new long[] { 3, 7, Hidden }, y.shape);
    }

    [Theory]
    [InlineData(Mux.GaussianHadamard)]
    [InlineData(Mux.Orthogonal)]
    [InlineData(Mux.BinaryHadamard)]
    [InlineData(Mux.Identity)]
    [InlineData(Mux.Learned)]
    public void Rejects_rows_not_divisible_by_n(Mux variant)
    {
        using var mux = Create(variant, 4);
        var error = Assert.Throws<ArgumentException>(() => mux.forward(torch.randn(6, 3, Hidden)));
        Assert.Contains("multiple of 4", error.Message);
        Assert.Contains("6 rows", error.Message);
        var width = Assert.Throws<ArgumentException>(() => mux.forward(torch.randn(8, 3, Hidden + 1)));
        Assert.Contains($"[G·N, L, {Hidden}]", width.Message);
    }

    [Theory]
    [InlineData(Mux.GaussianHadamard)]
    [InlineData(Mux.Orthogonal)]
    [InlineData(Mux.BinaryHadamard)]
    [InlineData(Mux.Learned)]
    public void Rejects_embeddings_of_another_dtype_or_device_than_its_transforms(Mux variant)
    {
        using var mux = Create(variant, 2);
        using var doubles = torch.randn(4, 3, Hidden, dtype: torch.float64);
        var error = Assert.Throws<ArgumentException>(() => mux.forward(doubles));
        Assert.Contains("expects embedded inputs of dtype Float32 on cpu, like its transforms, but got Float64 on cpu", error.Message);
        using var elsewhere = torch.zeros(4, 3, Hidden, device: torch.META);
        var device = Assert.Throws<ArgumentException>(() => mux.forward(elsewhere));
        Assert.Contains("but got Float32 on meta", device.Message);
    }

    [Fact]
    public void Each_variant_computes_its_documented_formula()
    {
        const int n = 3;
        using var x = torch.randn(2 * n, 4, Hidden);
        using var grouped = x.view(2, n, 4, Hidden);
        using var gaussian = new GaussianHadamardMultiplexer(n, Hidden, 1);
        using var orthogonal = new OrthogonalMultiplexer(n, Hidden, 1);
        using var binary = new BinaryHadamardMultiplexer(n, Hidden, 1);
        using var identity = new IdentityMultiplexer(n, Hidden, 1);

        Tensor Expected(Func<int, Tensor, Tensor> phi)
            => torch.stack(Enumerable.Range(0, n).Select(i => phi(i, grouped.select(1, i))), 1).mean(new long[] { 1 });

        Assert.True(gaussian.forward(x).allclose(Expected((i, xi) => xi * gaussian.Vectors[i]), 1e-5, 1e-6));
        // Orthogonal: the reference code's sum over √N, which is the mean times √N.
        Assert.True(orthogonal.forward(x).allclose(Expected((i, xi) => xi.matmul(orthogonal.Transforms[i])) * Math.Sqrt(n), 1e-5, 1e-5));
        Assert.True(binary.forward(x).allclose(Expected((i, xi) => xi * binary.Masks[i]), 1e-5, 1e-6));
        Assert.True(identity.forward(x).allclose(grouped.mean(new long[] { 1 }), 1e-5, 1e-6));
    }

    [Fact]
    public void Trainable_transforms_are_parameters_under_the_same_state_dict_names()
    {
        using var fixedGaussian = new GaussianHadamardMultiplexer(3, Hidden, 1, normConstant: 20);
        using var learnedGaussian = new GaussianHadamardMultiplexer(3, Hidden, 1, normConstant: 20, trainable: true);
        using var learnedOrthogonal = new OrthogonalMultiplexer(3, Hidden, 1, trainable: true);
        using var learnedBinary = new BinaryHadamardMultiplexer(3, Hidden, 1, trainable: true);

        Assert.Empty(fixedGaussian.parameters());
        Assert.Equal(["vectors"], fixedGaussian.named_buffers().Select(pair => pair.name));
        Assert.Equal(["vectors"], learnedGaussian.named_parameters().Select(pair => pair.name));
        Assert.Equal(["transforms"], learnedOrthogonal.named_parameters().Select(pair => pair.name));
        Assert.Equal(["masks"], learnedBinary.named_parameters().Select(pair => pair.name));
        Assert.True(learnedGaussian.Vectors.Same(fixedGaussian.Vectors));   // the same draw, scaled to norm 20
        using var norms = fixedGaussian.Vectors.norm(1);
        Assert.True(norms.allclose(torch.full(3, 20.0), 1e-5, 1e-4));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_norm_that_is_not_positive_and_finite_is_refused(double norm)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianHadamardMultiplexer(3, Hidden, 1, normConstant: norm));
        Assert.Equal("normConstant", error.ParamName);
    }

    [Fact]
    public void Orthogonal_transforms_are_orthogonal()
    {
        using var mux = new OrthogonalMultiplexer(4, 64, 11);
        using var product = mux.Transforms.matmul(mux.Transforms.transpose(1, 2));
        using var identity = torch.eye(64).expand(4, 64, 64);
        var deviation = (product - identity).abs().max().item<float>();
        Assert.True(deviation < 1e-5, $"max |O·Oᵀ − I| = {deviation}");
        // Distinct per index: a single shared matrix would not separate the inputs.
        Assert.False(mux.Transforms[0].allclose(mux.Transforms[1]));
    }

    [Fact]
    public void Gaussian_vectors_have_the_norm_constant()
    {
        using var unit = new GaussianHadamardMultiplexer(5, 32, 2);
        Assert.True(unit.Vectors.norm(1).allclose(torch.ones(5), 1e-5, 1e-5));
        using var scaled = new GaussianHadamardMultiplexer(5, 32, 2, normConstant: 20);
        Assert.True(scaled.Vectors.norm(1).allclose(torch.full(5, 20f), 1e-4, 1e-4));
    }

    [Fact]
    public void Binary_masks_are_disjoint_blocks_covering_every_feature()
    {
        using var mux = new BinaryHadamardMultiplexer(3, 10, 0);   // widths 3, 3, 4
        Assert.Equal(new[] { 3f, 3f, 4f }, mux.Masks.sum(dim: 1).data<float>().ToArray());
        Assert.True(mux.Masks.sum(dim: 0).eq(1).all().item<bool>());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryHadamardMultiplexer(11, 10, 0));
        Assert.Contains("at most Hidden (10)", error.Message);
    }

    [Theory]
    [InlineData(Mux.GaussianHadamard, 0, 16, "n")]
    [InlineData(Mux.Orthogonal, -1, 16, "n")]
    [InlineData(Mux.BinaryHadamard, 0, 16, "n")]
    [InlineData(Mux.Identity, 0, 16, "n")]
    [InlineData(Mux.Learned, 2, 0, "hidden")]
    public void Every_variant_rejects_fewer_than_one_input_or_feature(Mux variant, int n, int hidden, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Create(variant, n, hidden));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter == "n" ? "expects N >= 1" : "expects a width Hidden >= 1", error.Message);
    }

    [Theory]
    [InlineData(Mux.GaussianHadamard)]
    [InlineData(Mux.Orthogonal)]
    [InlineData(Mux.Learned)]
    public void Same_seed_same_transforms_different_seed_different(Mux variant)
    {
        using var a = Create(variant, 3, seed: 5);
        using var b = Create(variant, 3, seed: 5);
        using var c = Create(variant, 3, seed: 6);
        var (ta, tb, tc) = (Transform(a), Transform(b), Transform(c));
        Assert.True(ta.Same(tb));
        Assert.False(ta.allclose(tc));
    }

    [Fact]
    public void Transforms_do_not_touch_the_global_random_state()
    {
        torch.random.manual_seed(99);
        var expected = torch.rand(4).data<float>().ToArray();
        torch.random.manual_seed(99);
        using (new OrthogonalMultiplexer(3, 8, 1)) { }
        using (new GaussianHadamardMultiplexer(3, 8, 1)) { }
        Assert.Equal(expected, torch.rand(4).data<float>().ToArray());
    }

    [Fact]
    public void Fixed_transforms_are_buffers_and_learned_ones_parameters()
    {
        using var orthogonal = new OrthogonalMultiplexer(2, 8, 1);
        Assert.Empty(orthogonal.parameters());
        Assert.Contains("transforms", orthogonal.state_dict().Keys);
        using var gaussian = new GaussianHadamardMultiplexer(2, 8, 1);
        Assert.Contains("vectors", gaussian.state_dict().Keys);
        using var learned = new LearnedMultiplexer(2, 8, 1);
        Assert.Equal(2 * 8 * 8 + 2 * 8, learned.parameters().Sum(p => p.numel()));
        using var product = learned.Weight.matmul(learned.Weight.transpose(1, 2));
        Assert.True(product.allclose(torch.eye(8).expand(2, 8, 8), 1e-5, 1e-5));
    }

    private static Tensor Transform(Multiplexer mux) => mux switch
    {
        GaussianHadamardMultiplexer g => g.Vectors,
        OrthogonalMultiplexer o => o.Transforms,
        LearnedMultiplexer l => l.Weight,
        _ => throw new ArgumentOutOfRangeException(nameof(mux)),
    };
}
