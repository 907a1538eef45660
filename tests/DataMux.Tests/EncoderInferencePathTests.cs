using DataMux.Backbones;
using TorchSharp;
using Xunit;

namespace DataMux.Tests;

/// <summary>The encoder's in-place inference path computes what its autograd path computes.</summary>
public sealed class EncoderInferencePathTests : SeededTests
{
    [Fact]
    public void Inference_mode_gives_the_same_output_as_the_autograd_path()
    {
        using var encoder = new TransformerEncoder(2, 16, 4, 32, 0.1);
        encoder.eval();
        using var x = torch.randn(3, 7, 16);
        using var mask = torch.tensor(new[] { false, false, false, false, false, true, true }, 1, 7).expand(3, 7).contiguous();

        using var withGrad = encoder.forward(x, mask);
        Assert.True(withGrad.requires_grad);
        using (torch.inference_mode())
        using (var inference = encoder.forward(x, mask))
        using (var noMask = encoder.forward(x, null))
        using (var noMaskWithGrad = WithGrad(() => encoder.forward(x, null)))
        {
            Assert.True(inference.allclose(withGrad.detach(), 1e-5, 1e-6));
            Assert.True(noMask.allclose(noMaskWithGrad, 1e-5, 1e-6));
            Assert.False(noMask.allclose(inference, 1e-3, 1e-3));
        }

        // The input is never written to by the in-place path.
        using var again = encoder.forward(x, mask);
        Assert.True(again.allclose(withGrad, 0, 0));
    }

    private static torch.Tensor WithGrad(System.Func<torch.Tensor> run)
    {
        using var enabled = torch.enable_grad();
        using var inferenceOff = torch.inference_mode(false);
        return run().detach();
    }
}
