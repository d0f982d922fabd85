# typing at runtime: get_type_hints, get_origin/get_args, Optional/Union reprs, TypedDict, Literal, cast, NewType.
from typing import Optional, Union, List, Dict, Literal, TypedDict, NewType, cast, get_type_hints, get_origin, get_args, Any, Callable, TypeAlias, Annotated, Final
def f(a: int, b: Optional[str] = None) -> List[int]: ...
print(get_type_hints(f))
print(Optional[int], Union[int, str], Union[int, int], Union[int, None] == Optional[int], int | None)
print(get_origin(List[int]), get_args(Dict[str, int]), get_origin(int | str), get_args(Optional[int]))
print(Literal["a", "b"], get_args(Literal[1, 2]), Callable[[int], str], Annotated[int, "meta"], get_args(Annotated[int, "m"]))
class Movie(TypedDict, total=False):
    title: str
    year: int
m: Movie = {"title": "x"}
print(m, Movie.__required_keys__, sorted(Movie.__optional_keys__), type(m).__name__)
UserId = NewType("UserId", int)
print(UserId(5), UserId.__name__, UserId.__supertype__, cast(str, 5))
print(List[int] == list[int], repr(Any), Dict)
x: Final = 1
Vector: TypeAlias = list[float]
print(Vector)
