local app = {}
function app.draw()
  gfx.clear("#fff")
  gfx.text("version 1", 20, 20, { size = 30 })
end
print("loaded version 1")
return app
