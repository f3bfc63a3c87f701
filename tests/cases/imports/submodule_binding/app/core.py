print("core body", __name__, __package__)
import app
print("app partially built has core?", hasattr(app, "core"))
def run():
    return "core.run"
