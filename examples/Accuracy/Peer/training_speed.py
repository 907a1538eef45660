# Training speed of the accuracy benchmark's models in PyTorch, for the side-by-side comparison with
# `Accuracy --training-speed` (examples/Accuracy/README.md). The model is this project's "reference" variant written in
# PyTorch: embedding (token + position, LayerNorm, dropout; tables N(0, 0.02^2)), Gaussian Hadamard mux (unit vectors,
# mean over N), the mix re-embedded through the same block, a 2-layer post-LN encoder (d 128, 4 heads, FFN 512, GELU,
# dropout 0.1), index demux on [p_i ; h_t] (Linear 2d->d, GELU, LayerNorm), a 12-tag head; B1 is the plain encoder with
# a CLS token. Training steps of 32 groups of N rows of 32 tokens (random ids, 0-8 padding positions per row), AdamW;
# steps after the warm-up steps are timed. Prints CSV: n,threads,steps,seconds,instances_per_second.
import argparse, time
import torch, torch.nn as nn, torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument('--ns', default='1,2,5,10,20,40'); p.add_argument('--threads', type=int, default=2)
p.add_argument('--steps', type=int, default=60); p.add_argument('--warmup', type=int, default=10)
p.add_argument('--groups', type=int, default=32)
a = p.parse_args()
torch.set_num_threads(a.threads); torch.manual_seed(0)
V, L, D, TAGS = 10002, 32, 128, 12

class Model(nn.Module):
    def __init__(s, n):
        super().__init__(); s.n = n; s.plain = n == 0; N = max(n, 1); P = 1 if s.plain else N + 1
        s.tok = nn.Embedding(V + 2 + N, D); s.pos = nn.Embedding(L + P, D); s.ln = nn.LayerNorm(D); s.drop = nn.Dropout(0.1)
        nn.init.normal_(s.tok.weight, std=0.02); nn.init.normal_(s.pos.weight, std=0.02)
        v = torch.randn(N, D); s.register_buffer('v', v / v.norm(dim=1, keepdim=True))
        s.enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(D, 4, 4 * D, 0.1, activation='gelu', batch_first=True), 2, enable_nested_tensor=False)
        s.demux = nn.Linear(2 * D, D); s.dln = nn.LayerNorm(D); s.head = nn.Linear(D, TAGS)
        if s.plain:
            s.register_buffer('pre', torch.full((1, 1), V, dtype=torch.long))
        else:
            pre = torch.full((N, N + 1), V + 1, dtype=torch.long); pre[:, N] = V
            for i in range(N): pre[i, i] = V + 2 + i
            s.register_buffer('pre', pre)
    def embed(s, ids):
        return s.drop(s.ln(s.tok(ids) + s.pos.weight[:ids.shape[-1]]))
    def forward(s, x):  # x: [G, N, L] (plain: [G, 1, L])
        G, N = x.shape[0], x.shape[1]
        if s.plain:
            ids = torch.cat([s.pre.expand(G, 1), x[:, 0]], 1)
            h = s.enc(s.embed(ids), src_key_padding_mask=(ids == 0))
            return s.head(h[:, 1:]).unsqueeze(1)
        ids = torch.cat([s.pre.unsqueeze(0).expand(G, N, N + 1), x], 2)
        m = (s.embed(ids) * s.v[None, :, None, :]).mean(1)
        m = s.drop(s.ln(m + s.pos.weight[:m.shape[1]]))
        kpm = torch.cat([torch.zeros(G, N + 1, dtype=torch.bool), (x == 0).all(1)], 1)
        h = s.enc(m, src_key_padding_mask=kpm)
        w_p, w_h = s.demux.weight[:, :D], s.demux.weight[:, D:]
        z = (h[:, :N] @ w_p.T).unsqueeze(2) + (h[:, N + 1:] @ w_h.T + s.demux.bias).unsqueeze(1)
        return s.head(s.dln(F.gelu(z)))

print('n,threads,steps,seconds,instances_per_second', flush=True)
for n in [int(v) for v in a.ns.split(',')]:
    model = Model(0 if n == 1 else n); rows = max(n, 1)
    opt = torch.optim.AdamW(model.parameters(), 1e-3)
    g = torch.Generator().manual_seed(1)
    def batch():
        x = torch.randint(2, V, (a.groups, rows, L), generator=g)
        lengths = L - torch.randint(0, 9, (a.groups, rows, 1), generator=g)
        x = x.masked_fill(torch.arange(L)[None, None] >= lengths, 0)
        y = torch.randint(0, TAGS, (a.groups, rows, L), generator=g).masked_fill(x == 0, -100)
        return x, y
    data = [batch() for _ in range(8)]
    for step in range(a.warmup + a.steps):
        if step == a.warmup: start = time.perf_counter()
        x, y = data[step % len(data)]
        loss = F.cross_entropy(model(x).reshape(-1, TAGS), y.reshape(-1), ignore_index=-100)
        opt.zero_grad(); loss.backward(); opt.step()
    seconds = time.perf_counter() - start
    label = 'B1' if n == 1 else str(n)
    print(f'{n},{a.threads},{a.steps},{seconds:.3f},{a.steps * a.groups * rows / seconds:.1f}', flush=True)
