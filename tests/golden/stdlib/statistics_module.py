# statistics: mean/median/mode variants, stdev/variance, quantiles, correlation, errors.
import statistics as st
from fractions import Fraction
data = [2, 4, 4, 4, 5, 5, 7, 9]
print(st.mean(data), st.fmean(data), st.median(data), st.median_low(data), st.median_high(data), st.mode(data), st.multimode("aabbc"))
print(st.pstdev(data), st.stdev(data), st.pvariance(data), st.variance(data), st.geometric_mean([1, 4, 16]), st.harmonic_mean([40, 60]))
print(st.quantiles(range(1, 11), n=4), st.quantiles(data, n=4, method="inclusive"), st.median_grouped([1, 2, 2, 3, 4]))
print(st.mean([Fraction(1, 2), Fraction(1, 3)]), st.mean([1.5, 2.5]), type(st.mean([1, 2])).__name__)
x, y = [1, 2, 3, 4, 5], [2, 4, 5, 4, 5]
print(round(st.correlation(x, y), 10), round(st.covariance(x, y), 10), st.linear_regression(x, y))
for call in [lambda: st.mean([]), lambda: st.stdev([1]), lambda: st.mode([])]:
    try:
        call()
    except st.StatisticsError as e:
        print(type(e).__name__, e)
nd = st.NormalDist(100, 15)
print(round(nd.cdf(130), 6), nd.mean, nd.stdev, round(nd.inv_cdf(0.975), 4), nd + 5)
