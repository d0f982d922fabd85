# grp: lookups by id and name, getgrall, struct_group and the KeyError/TypeError messages.
import grp

root = grp.getgrgid(0)
print(root.gr_name, root.gr_gid, type(root.gr_mem).__name__, root[0], len(root))
print(grp.getgrnam("root") == root, grp.getgrgid(gid=0) if False else "")
everyone = grp.getgrall()
print(type(everyone).__name__, root in everyone)
print(grp.struct_group(("a", "b", 1, ["x"])))

def attempt(f, *a):
    try:
        print(f(*a))
    except Exception as e:
        print(type(e).__name__ + ":", e)

attempt(grp.getgrgid, 987654)
attempt(grp.getgrgid, -2)
attempt(grp.getgrgid, 2**40)
attempt(grp.getgrgid, "x")
attempt(grp.getgrgid, 1.5)
attempt(grp.getgrnam, "no_such_group_here")
attempt(grp.getgrnam, b"root")
attempt(grp.getgrnam, "a\0b")
attempt(grp.getgrall, 1)
