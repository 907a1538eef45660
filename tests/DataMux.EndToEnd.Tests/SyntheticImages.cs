using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.EndToEnd.Tests;

/// <summary>
/// A per-instance image task: 8×8 grey images, class c lights up quadrant c (values about 1 there, 0 elsewhere) under
/// Gaussian noise of standard deviation 0.3. A row's label depends on its own pixels only, so a multiplexed model is
/// accurate only if every output belongs to its own input; chance is 25%.
/// </summary>
internal static class SyntheticImages
{
    public static (Tensor Images, Tensor Labels) Make(int rows, int seed)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var labels = torch.randint(0, 4, [rows], generator: generator, dtype: ScalarType.Int64);
        var quadrants = torch.zeros(4, 8, 8);
        for (var c = 0; c < 4; c++)
        {
            quadrants[c].narrow(0, c / 2 * 4, 4).narrow(1, c % 2 * 4, 4).fill_(1.0f);
        }

        using var noiseScale = 0.3.ToScalar();
        var noise = torch.randn([rows, 8, 8], generator: generator).mul_(noiseScale);
        var images = quadrants.index_select(0, labels).add_(noise, 1.0.ToScalar()).unsqueeze(1);
        return (scope.MoveToOuter(images), scope.MoveToOuter(labels));
    }
}
