# math: constants, rounding, exp/log, trig, special functions, integer functions, fsum, prod, dist.
import math
print(math.pi, math.e, math.tau, math.inf, math.nan)
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), math.floor(3), type(math.floor(2.0)).__name__)
print(math.sqrt(2), math.exp(1), math.log(100, 10), math.log10(1000), math.log2(1024), math.log1p(1e-10), math.expm1(1e-10))
print(math.sin(math.pi / 2), math.cos(0), math.tan(0), math.atan2(1, 1), math.degrees(math.pi), math.radians(180))
print(math.hypot(3, 4), math.hypot(1, 2, 2), math.dist((0, 0), (3, 4)), math.copysign(3, -0.0), math.fabs(-2))
print(math.factorial(20), math.comb(10, 3), math.perm(5, 2), math.gcd(12, 18, 27), math.lcm(4, 6), math.isqrt(99))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.prod([1, 2, 3, 4]), math.prod([]), math.prod([2.5, 2]))
print(math.isfinite(1.0), math.isinf(math.inf), math.isnan(math.nan), math.isclose(1.0, 1.0 + 1e-10), math.isclose(1, 1.1, rel_tol=0.2))
print(math.modf(3.75), math.frexp(8.0), math.ldexp(0.5, 4), math.fmod(7, 3), math.remainder(7, 3))
print(math.gamma(5), math.lgamma(10), math.erf(0), round(math.erfc(1), 10))
print(math.nextafter(1.0, 2.0), math.ulp(1.0), math.cbrt(27), math.exp2(10), math.sumprod([1, 2], [3, 4]))
print(math.fma(2.0, 3.0, 1.0))
for call in ["math.sqrt(-1)", "math.log(-1)", "math.factorial(2.5)", "math.comb(-1, 2)", "math.exp(1000)"]:
    try:
        eval(call)
    except (ValueError, TypeError, OverflowError) as e:
        print(call, type(e).__name__, e)
