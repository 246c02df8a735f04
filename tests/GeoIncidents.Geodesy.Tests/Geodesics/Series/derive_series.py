#!/usr/bin/env python3
"""Derives the series coefficients of Karney (2013), "Algorithms for geodesics", J. Geodesy 87:43-55,
doi:10.1007/s00190-012-0578-z, from the integrals that define them (eqs. 7, 15, 25, 28, 58 and 59 of the
paper), to the order the paper uses (6 in eps for I1, I2; total order 5 in n and eps for I3, I4, which are
multiplied by f or e^2). The output, series-coefficients.txt, is the independent check of the tables in
src/GeoIncidents.Geodesy/Geodesics/GeodesicSeries.cs (see GeodesicSeriesTests).

Needs sympy (pip install sympy). Run: python3 derive_series.py > series-coefficients.txt

Notation: sigma is the arc length on the auxiliary sphere, k^2 = e'^2 cos^2(alpha0),
eps = (sqrt(1+k^2)-1)/(sqrt(1+k^2)+1), so 1 + k^2 sin^2(sigma) = (1 - 2 eps cos(2 sigma) + eps^2)/(1-eps)^2,
e'^2 = 4n/(1-n)^2 and k^2 = 4 eps/(1-eps)^2. Trigonometric polynomials are handled as Laurent polynomials
in w = exp(i sigma), so every step is exact rational arithmetic.
"""
import sympy as sp

eps, n, w, x, y = sp.symbols('eps n w x y')
ORDER = 6          # I1, I2: terms through eps^6
ORDER3 = 5         # I3, I4: total order 5 in (n, eps)


def trunc1(expr, var, order):
    """Truncates a polynomial in var after var^order."""
    p = sp.Poly(sp.expand(expr), var)
    return sp.expand(sum(c * var**m[0] for m, c in zip(p.monoms(), p.coeffs()) if m[0] <= order))


def trunc2(expr, order):
    """Truncates a polynomial in n and eps to total order <= order."""
    p = sp.Poly(sp.expand(expr), n, eps)
    return sp.expand(sum(c * n**a * eps**b for (a, b), c in zip(p.monoms(), p.coeffs()) if a + b <= order))


def cos_k(k):   # cos(k sigma)
    return (w**k + w**(-k)) / 2


def sin_k(k):   # sin(k sigma)
    return (w**k - w**(-k)) / (2 * sp.I)


def fourier_cos(expr, maxfreq):
    """expr is a Laurent polynomial in w, even in sigma: returns {k: a_k} with expr = sum a_k cos(k sigma)."""
    e = sp.expand(expr)
    out = {0: e.coeff(w, 0)}
    for k in range(1, maxfreq + 1):
        out[k] = sp.expand(e.coeff(w, k) * 2)
    return out


def g_series(order):
    """sqrt(1 - 2 eps cos(2 sigma) + eps^2) through eps^order, as a Laurent polynomial in w."""
    t = -2 * eps * cos_k(2) + eps**2
    s = sum(sp.binomial(sp.Rational(1, 2), j) * t**j for j in range(order + 1))
    return trunc1(s, eps, order)


def ginv_series(order):
    """1/sqrt(1 - 2 eps cos(2 sigma) + eps^2) through eps^order."""
    t = -2 * eps * cos_k(2) + eps**2
    s = sum(sp.binomial(sp.Rational(-1, 2), j) * t**j for j in range(order + 1))
    return trunc1(s, eps, order)


def emit(name, index, expr):
    """Prints the series readably, then one machine-readable line per monomial:
    TERM name index eps_power n_power numerator denominator."""
    expr = sp.expand(expr)
    label = name if index is None else f"{name}[{index}]"
    print(f"{label} = {expr}")
    poly = sp.Poly(expr, eps, n)
    for (pe, pn), c in sorted(zip(poly.monoms(), poly.coeffs())):
        c = sp.Rational(c)
        print(f"TERM {name} {0 if index is None else index} {pe} {pn} {c.p} {c.q}")


print("# Karney (2013) series, derived by derive_series.py (sympy " + sp.__version__ + ")")

# ---- I1 (eq. 15): integrand sqrt(1 + k^2 sin^2) = g/(1-eps); I1 = A1 (sigma + sum C1l sin 2l sigma)
g = g_series(ORDER)
fc = fourier_cos(g, 2 * ORDER)
a0 = fc[0]
emit("A1F", None, a0)  # A1 = A1F/(1-eps)
C1 = {}
for l in range(1, ORDER + 1):
    # integral of a_{2l} cos(2l s) is a_{2l} sin(2l s)/(2l); divide by a0 (series in eps)
    C1[l] = trunc1(sp.series(fc[2 * l] / (2 * l * a0), eps, 0, ORDER + 1).removeO(), eps, ORDER)
    emit("C1", l, C1[l])

# ---- reversion (eq. 20): tau = sigma + sum C1l sin 2l sigma  =>  sigma = tau + sum C1pl sin 2l tau
# Fixed point: delta = -sum C1l sin(2l(tau + delta)), expanded in powers of delta. Done with sparse
# dictionaries {(eps power, w power): rational} truncated after eps^ORDER at every product (fast and exact).
def dmul(a, b):
    out = {}
    for (e1, w1), c1 in a.items():
        for (e2, w2), c2 in b.items():
            if e1 + e2 <= ORDER:
                k = (e1 + e2, w1 + w2)
                out[k] = out.get(k, 0) + c1 * c2
    return {k: v for k, v in out.items() if v != 0}


def dadd(a, b, s=1):
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + s * v
    return {k: v for k, v in out.items() if v != 0}


def dscale(a, s):
    return {k: v * s for k, v in a.items()}


# C1[l] sin(2l tau) and C1[l] cos(2l tau) as dictionaries (coefficients may be complex rationals)
def poly_eps_dict(p, wpow, factor):
    d = {}
    for m in range(ORDER + 1):
        c = sp.expand(p).coeff(eps, m)
        if c != 0:
            d[(m, wpow)] = d.get((m, wpow), 0) + c * factor
    return d


Cs, Cc = {}, {}
for l in range(1, ORDER + 1):
    Cs[l] = dadd(poly_eps_dict(C1[l], 2 * l, 1 / (2 * sp.I)), poly_eps_dict(C1[l], -2 * l, -1 / (2 * sp.I)))
    Cc[l] = dadd(poly_eps_dict(C1[l], 2 * l, sp.Rational(1, 2)), poly_eps_dict(C1[l], -2 * l, sp.Rational(1, 2)))

delta = {}
for _ in range(ORDER + 1):
    powers = [{(0, 0): sp.Integer(1)}]
    for j in range(1, ORDER + 1):
        powers.append(dmul(powers[-1], delta))
    new = {}
    for l in range(1, ORDER + 1):
        cosd, sind = {}, {}
        for j in range(ORDER + 1):
            t = dscale(powers[j], sp.Integer(2 * l)**j / sp.factorial(j))
            if j % 2 == 0:
                cosd = dadd(cosd, t, (-1)**(j // 2))
            else:
                sind = dadd(sind, t, (-1)**(j // 2))
        new = dadd(new, dadd(dmul(Cs[l], cosd), dmul(Cc[l], sind)), -1)
    delta = new
for l in range(1, ORDER + 1):
    coeff = sum(sp.expand(v * 2 * sp.I) * eps**e for (e, wp), v in delta.items() if wp == 2 * l)
    emit("C1p", l, coeff)

# ---- I2 (eq. 42): integrand 1/sqrt(1 + k^2 sin^2) = (1-eps)/g; I2 = A2 (sigma + sum C2l sin 2l sigma)
gi = ginv_series(ORDER)
fc2 = fourier_cos(gi, 2 * ORDER)
b0 = fc2[0]
emit("A2F", None, b0)  # A2 = (1-eps) A2F
for l in range(1, ORDER + 1):
    c = trunc1(sp.series(fc2[2 * l] / (2 * l * b0), eps, 0, ORDER + 1).removeO(), eps, ORDER)
    emit("C2", l, c)

# ---- I3 (eq. 25): integrand (2-f)/(1 + (1-f) sqrt(1+k^2 sin^2)) with f = 2n/(1+n):
#      = 2/((1+n) + (1-n) g/(1-eps)) = 2(1-eps)/((1+n)(1-eps) + (1-n) g)
g5 = g_series(ORDER3)
den = sp.expand((1 + n) * (1 - eps) + (1 - n) * g5)   # = 2 + O(small)
q = sp.expand(den / 2 - 1)                             # small, Laurent in w, polynomial in n, eps
inv = sum((-q)**j for j in range(ORDER3 + 1))          # 1/(1+q)
integrand3 = trunc2(sp.expand((1 - eps) * inv), ORDER3)
fc3 = fourier_cos(integrand3, 2 * ORDER3)
A3 = trunc2(fc3[0], ORDER3)
emit("A3", None, A3)
for l in range(1, ORDER3 + 1):
    c = sp.series(fc3[2 * l] / (2 * l * A3), eps, 0, ORDER3 + 1).removeO()
    c = trunc2(sp.series(sp.expand(c), n, 0, ORDER3 + 1).removeO(), ORDER3)
    emit("C3", l, c)

# ---- I4 (eqs. 58, 59): I4(sigma) = -int_{pi/2}^{sigma} D(e'^2, k^2 sin^2 s) sin(s)/2 ds = sum C4l cos((2l+1) sigma),
#      D(x, y) = (t(x) - t(y))/(x - y), t(x) = x + sqrt(1/x + 1) asinh(sqrt(x)) = x + u(x),
#      u(x) = sqrt(1+x) asinh(sqrt x)/sqrt x (analytic at 0).
z = sp.symbols('z')
M = ORDER3 + 1
u_ser = sp.series(sp.sqrt(1 + z) * sp.asinh(sp.sqrt(z)) / sp.sqrt(z), z, 0, M + 1).removeO()
u_c = [sp.nsimplify(u_ser.coeff(z, m)) for m in range(M + 1)]
D = 1 + sum(u_c[m] * sum(x**i * y**(m - 1 - i) for i in range(m)) for m in range(1, M + 1))
ep2 = sp.series(4 * n / (1 - n)**2, n, 0, ORDER3 + 1).removeO()
k2 = sp.series(4 * eps / (1 - eps)**2, eps, 0, ORDER3 + 1).removeO()
sin2 = sp.expand(sin_k(1)**2)
Dsub = trunc2(sp.expand(D.subs({x: ep2, y: k2 * sp.Symbol('S2')})), ORDER3)
# D is a polynomial in S2 = sin^2 s; integrate -P(sin^2 s) sin(s)/2 from pi/2 to sigma term by term.
S2 = sp.Symbol('S2')
cs = sp.Symbol('cs')   # cos(sigma)
polyD = sp.Poly(Dsub, S2)
I4_in_cos = sp.Integer(0)
for (m,), coeff in zip(polyD.monoms(), polyD.coeffs()):
    # int_{pi/2}^{sigma} sin^{2m+1} s ds = -int_0^{cos sigma} (1-c^2)^m dc
    c = sp.Symbol('c')
    integral = -sp.integrate((1 - c**2)**m, (c, 0, cs))
    I4_in_cos += -coeff * integral / 2
# express polynomial in cos(sigma) as sum of cos((2l+1) sigma)
I4_w = sp.expand(I4_in_cos.subs(cs, cos_k(1)))
for l in range(0, ORDER3 + 1):
    c = trunc2(sp.expand(I4_w.coeff(w, 2 * l + 1) * 2), ORDER3)
    emit("C4", l, c)
